using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Durability;

/// <summary>
/// A database that hangs (frozen, overloaded, a half-open network path) costs a request a bounded wait and a 503 +
/// Retry-After, never a hang; and the answer agrees with what happened: a 503'd message is processed exactly once by
/// its retry. The database sits behind a real TCP proxy that stops moving bytes, as a SIGSTOPped server would.
/// </summary>
public sealed class FrozenDatabaseTests
{
    /// <summary>Far above the bounds under test (2 s + 0.5 s, and /readyz's 1 s), far below the old unbounded waits (15–30 s).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Readyz_answers_503_within_its_budget_while_the_database_is_frozen_and_ready_again_after()
    {
        await using var host = await ProxiedHost.StartAsync();
        var client = host.Client();
        (await client.GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Proxy.Freeze();
        var watch = Stopwatch.StartNew();
        using var frozen = await client.GetAsync("/readyz");
        var waited = watch.Elapsed;

        frozen.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        frozen.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        JsonDocument.Parse(await frozen.Content.ReadAsStringAsync()).RootElement.Text("status").ShouldBe("database_unavailable");
        // The budget is 1 s; the margin is for a loaded test machine. Unbounded, this waited for the command timeout.
        waited.ShouldBeLessThan(TimeSpan.FromSeconds(4));
        // Probes that keep coming while it is frozen share one check instead of piling up connections.
        var probes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync("/readyz")));
        probes.ShouldAllBe(p => p.StatusCode == HttpStatusCode.ServiceUnavailable);

        host.Proxy.Thaw();
        await Eventually(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready after the thaw");
    }

    [Fact]
    public async Task A_message_while_the_database_is_frozen_gets_a_bounded_503_and_its_retry_is_processed_exactly_once()
    {
        await using var host = await ProxiedHost.StartAsync();
        var client = host.Client();
        var phone = await Phones.PairAsync(host.Factory);
        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "HELP", Gateway.NewMessageId())))).Text("status").ShouldBe("processed");

        host.Proxy.Freeze();
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(phone.From, "LKW W-1234 hat Bremsenproblem", messageId);
        var watch = Stopwatch.StartNew();
        using (var refused = await client.SendAsync(Gateway.Signed(body)))
        {
            var waited = watch.Elapsed;
            var text = await refused.Content.ReadAsStringAsync();
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
            refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            JsonDocument.Parse(text).RootElement.Text("error").ShouldBe("database_unavailable");
            // Bounded by the command (or connect) timeout plus the cancellation timeout: 2 s + 0.5 s here.
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        }

        host.Proxy.Thaw();
        var answer = await SendUntilAcceptedAsync(client, body);
        answer.ShouldBeOneOf("processed", "duplicate");
        (await MessagesInAsync(host, messageId)).ShouldBe(1L);
        (await host.Factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1", phone.TenantId)).ShouldBe(1L);
    }

    [Fact]
    public async Task Sixteen_gateways_retrying_through_a_freeze_lose_nothing_and_double_nothing()
    {
        await using var host = await ProxiedHost.StartAsync();
        var phones = new List<PairedPhone>();
        for (var i = 0; i < 16; i++) phones.Add(await Phones.PairAsync(host.Factory));
        var acknowledged = new ConcurrentBag<string>();
        var refusals = 0;
        var freezeDone = new TaskCompletionSource();
        var client = host.Client();

        var senders = phones.Select((phone, index) => Task.Run(async () =>
        {
            for (var n = 0; !freezeDone.Task.IsCompleted || n < 6; n++)
            {
                var messageId = $"wamid.freeze-{index}-{n}-{Guid.NewGuid():N}";
                var body = Gateway.Body(phone.From, n % 3 == 0 ? "HELP" : $"LKW W-{1000 + n} hat Bremsenproblem", messageId);
                var status = await SendUntilAcceptedAsync(client, body, () => Interlocked.Increment(ref refusals));
                status.ShouldBeOneOf("processed", "duplicate");
                acknowledged.Add(messageId);
            }
        })).ToList();

        // Freeze while all sixteen are busy, long enough that requests in flight (some in their COMMIT) hit the bound.
        await Eventually(() =>
        {
            if (senders.FirstOrDefault(s => s.IsFaulted) is { } failed) failed.GetAwaiter().GetResult();
            return Task.FromResult(acknowledged.Count >= 32);
        }, "traffic before the freeze");
        host.Proxy.Freeze();
        await Task.Delay(TimeSpan.FromSeconds(4));
        host.Proxy.Thaw();
        freezeDone.SetResult();
        await Task.WhenAll(senders);

        refusals.ShouldBeGreaterThan(0, "the freeze must have caught requests in flight");
        var counts = await MessagesInByIdAsync(host, acknowledged);
        acknowledged.Where(id => counts.GetValueOrDefault(id) == 0).ShouldBeEmpty("acknowledged but lost");
        counts.Where(c => c.Value > 1).Select(c => c.Key).ShouldBeEmpty("doubled");
    }

    /// <summary>What the gateway does: the same signed body again after Retry-After (shortened here) until it is accepted.</summary>
    private static async Task<string> SendUntilAcceptedAsync(HttpClient client, string body, Action? onRefused = null)
    {
        var deadline = DateTime.UtcNow + Patience + Patience;
        while (true)
        {
            using var response = await client.SendAsync(Gateway.Signed(body));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) return JsonDocument.Parse(text).RootElement.Text("status")!;
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
            onRefused?.Invoke();
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Still refused: " + text);
            await Task.Delay(250);
        }
    }

    private static Task<long> MessagesInAsync(ProxiedHost host, string messageId) =>
        host.Factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", messageId);

    private static async Task<Dictionary<string, long>> MessagesInByIdAsync(ProxiedHost host, IEnumerable<string> messageIds)
    {
        await using var connection = await host.Factory.Database.OpenOwnerAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT payload->>'message_id', count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = ANY($1) GROUP BY 1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = messageIds.ToArray() });
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Not within the patience: " + what);
            await Task.Delay(100);
        }
    }

    /// <summary>The host in process, its runtime connections through the proxy (migrations and test queries go direct).</summary>
    private sealed class ProxiedHost : IAsyncDisposable
    {
        private ProxiedHost(OpsWebFactory factory, StallingTcpProxy proxy)
        {
            Factory = factory;
            Proxy = proxy;
        }

        public OpsWebFactory Factory { get; }
        public StallingTcpProxy Proxy { get; }

        public static async Task<ProxiedHost> StartAsync()
        {
            var factory = new OpsWebFactory();
            await ((IAsyncLifetime)factory).InitializeAsync();
            var proxy = StallingTcpProxy.To(factory.Database.AppConnectionString);
            factory.Settings["ConnectionStrings:Default"] = proxy.Route(factory.Database.AppConnectionString);
            factory.Settings["Database:CommandTimeoutSeconds"] = "2";
            factory.Settings["Database:ConnectTimeoutSeconds"] = "2";
            factory.Settings["Database:CancellationTimeoutMilliseconds"] = "500";
            return new ProxiedHost(factory, proxy);
        }

        /// <summary>A client that would wait far longer than any bound: a hang shows as a failed test, not a timeout here.</summary>
        public HttpClient Client()
        {
            var client = Factory.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(60);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            Proxy.Thaw();
            await ((IAsyncLifetime)Factory).DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }
}
