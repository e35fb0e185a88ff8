using OpsCopilot.Web.Features.Shared;

namespace OpsCopilot.Tests.Foundation;

/// <summary>Overlapping calls share one run; nothing outlives it; each caller's cancellation is its own.</summary>
public sealed class SingleFlightTests
{
    [Fact]
    public async Task Calls_that_overlap_share_one_run_and_the_next_call_runs_again()
    {
        var flights = new SingleFlight<string, int>();
        // Counted per key: the work starts off the caller's path, so the two keys' runs may begin in either order.
        var runs = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<int>> Work(string key) => async () =>
        {
            var run = runs.AddOrUpdate(key, 1, (_, n) => n + 1);
            await gate.Task;
            return run * 10;
        };

        var first = flights.RunAsync("draft-1", Work("draft-1"), CancellationToken.None);
        var joined = Enumerable.Range(0, 20).Select(_ => flights.RunAsync("draft-1", Work("draft-1"), CancellationToken.None)).ToList();
        var other = flights.RunAsync("draft-2", Work("draft-2"), CancellationToken.None);
        gate.SetResult();

        (await first).ShouldBe((10, true));
        (await Task.WhenAll(joined)).ShouldAllBe(r => r.Result == 10 && !r.Started);
        (await other).ShouldBe((10, true));
        (runs.Count, runs["draft-1"], runs["draft-2"]).ShouldBe((2, 1, 1), "one run per key");

        var later = await flights.RunAsync("draft-1", Work("draft-1"), CancellationToken.None);
        later.ShouldBe((20, true));
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
