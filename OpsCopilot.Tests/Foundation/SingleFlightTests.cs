using OpsCopilot.Web.Features.Shared;

namespace OpsCopilot.Tests.Foundation;

/// <summary>Overlapping calls share one run; nothing outlives it; each caller's cancellation is its own.</summary>
public sealed class SingleFlightTests
{
    [Fact]
    public async Task Calls_that_overlap_share_one_run_and_the_next_call_runs_again()
    {
        var flights = new SingleFlight<string, int>();
        var runs = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<int>> work = async () =>
        {
            var run = Interlocked.Increment(ref runs);
            await gate.Task;
            return run * 10;
        };

        var first = flights.RunAsync("draft-1", work, CancellationToken.None);
        var joined = Enumerable.Range(0, 20).Select(_ => flights.RunAsync("draft-1", work, CancellationToken.None)).ToList();
        var other = flights.RunAsync("draft-2", work, CancellationToken.None);
        gate.SetResult();

        (await first).ShouldBe((10, true));
        (await Task.WhenAll(joined)).ShouldAllBe(r => r.Result == 10 && !r.Started);
        (await other).Started.ShouldBeTrue();
        runs.ShouldBe(2);

        var later = await flights.RunAsync("draft-1", work, CancellationToken.None);
        later.ShouldBe((30, true));
    }

    [Fact]
    public async Task A_failure_reaches_every_caller_and_is_not_kept()
    {
        var flights = new SingleFlight<int, string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = flights.RunAsync(7, async () =>
        {
            await gate.Task;
            throw new InvalidOperationException("the database said no");
        }, CancellationToken.None);
        var joined = flights.RunAsync(7, () => Task.FromResult("never run"), CancellationToken.None);
        gate.SetResult();

        (await Should.ThrowAsync<InvalidOperationException>(first)).Message.ShouldBe("the database said no");
        (await Should.ThrowAsync<InvalidOperationException>(joined)).Message.ShouldBe("the database said no");
        (await flights.RunAsync(7, () => Task.FromResult("fresh"), CancellationToken.None)).ShouldBe(("fresh", true));
    }

    [Fact]
    public async Task A_caller_that_gives_up_ends_only_its_own_wait()
    {
        var flights = new SingleFlight<int, int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();
        var starter = flights.RunAsync(1, async () =>
        {
            await gate.Task;
            return 42;
        }, impatient.Token);
        var patient = flights.RunAsync(1, () => Task.FromResult(0), CancellationToken.None);

        await impatient.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(starter);
        patient.IsCompleted.ShouldBeFalse();
        gate.SetResult();
        (await patient).ShouldBe((42, false));
    }
}
