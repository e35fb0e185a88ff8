using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCopilot.Web.Features.Operations.Alerts;

namespace OpsCopilot.Tests.Outbox;

public sealed class AlertPublisherTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    [Fact]
    public void Alerts_are_rate_limited_per_key_and_never_block_when_the_queue_is_full()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var publisher = new AlertPublisher(clock, new Monitor<AlertOptions>(new AlertOptions { MinInterval = TimeSpan.FromMinutes(1), QueueCapacity = 2 }),
            NullLogger<AlertPublisher>.Instance);

        publisher.Raise(new Alert("a", "first")).ShouldBeTrue();
        publisher.Raise(new Alert("a", "again")).ShouldBeFalse();
        publisher.Raise(new Alert("b", "other key")).ShouldBeTrue();
        clock.Now += TimeSpan.FromSeconds(61);
        // Queue full (nobody is posting): dropped, not waited for.
        publisher.Raise(new Alert("a", "after a minute")).ShouldBeFalse();
    }

    [Fact]
    public async Task Alerts_are_posted_as_json_within_the_timeout_and_a_slow_receiver_is_abandoned()
    {
        await using var receiver = await FakeHttpServer.StartAsync();
        receiver.Respond = (request, _) => request.Text.Contains("\"slow\"", StringComparison.Ordinal)
            ? FakeResponse.Stalled(TimeSpan.FromMinutes(5))
            : new FakeResponse(204);
        var options = new AlertOptions { WebhookUrl = receiver.Url("/hook").ToString(), TimeoutMs = 3000, MinInterval = TimeSpan.Zero };
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var publisher = new AlertPublisher(TimeProvider.System, new Monitor<AlertOptions>(options), NullLogger<AlertPublisher>.Instance);
        var dispatcher = new AlertDispatcher(publisher, services.GetRequiredService<IHttpClientFactory>(), new Monitor<AlertOptions>(options), NullLogger<AlertDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);

        publisher.Raise(new Alert("slow", "first, stalls")).ShouldBeTrue();
        publisher.Raise(new Alert("integrity_fail", "rls_enabled_and_forced: notifications (RLS disabled)")).ShouldBeTrue();

        // The second alert is posted although the receiver never answers the first.
        var requests = await receiver.WaitForAsync(r => r.Any(x => x.Text.Contains("integrity_fail", StringComparison.Ordinal)));
        var json = requests.Single(x => x.Text.Contains("integrity_fail", StringComparison.Ordinal)).Json();
        json.GetProperty("alert").GetString().ShouldBe("integrity_fail");
        json.GetProperty("severity").GetString().ShouldBe("critical");
        json.GetProperty("text").GetString()!.ShouldStartWith("[Ops Copilot] CRITICAL integrity_fail:");
        await dispatcher.StopAsync(CancellationToken.None);
    }
}
