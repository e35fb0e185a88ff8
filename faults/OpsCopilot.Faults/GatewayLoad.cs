using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using OpsCopilot.Bench;

namespace OpsCopilot.Faults;

/// <summary>One message the gateway must get acknowledged (HTTP 200), retrying the same message_id until it does.</summary>
internal sealed record Delivery(string MessageId, byte[] Body);

/// <summary>What the gateway saw during one scenario.</summary>
internal sealed class LoadOutcome
{
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new();
    public int ServerErrors;
    public int ClientErrors;
    public int Unreachable;
    public readonly ConcurrentQueue<(TimeSpan At, bool Ok)> Timeline = new();
    public readonly ConcurrentQueue<string> Failures = new();
    public readonly ConcurrentQueue<string> Problems = new();

    /// <summary>From <paramref name="from"/> to the first acknowledged attempt after it: does anyone still answer?</summary>
    public TimeSpan? FirstSuccessAfter(TimeSpan from)
    {
        var first = Timeline.Where(e => e.At > from && e.Ok).OrderBy(e => e.At).FirstOrDefault();
        return first == default ? null : first.At - from;
    }

    /// <summary>
    /// Recovery: from the fault's start (<paramref name="from"/>) until the gateway's attempts succeed again for good —
    /// the first success after the last failure. Null when the fault caused no failure at all.
    /// </summary>
    public TimeSpan? Recovery(TimeSpan from)
    {
        var events = Timeline.OrderBy(e => e.At).ToList();
        var lastFailure = events.LastOrDefault(e => e.At >= from && !e.Ok);
        if (lastFailure == default) return null;
        var recovered = events.FirstOrDefault(e => e.At > lastFailure.At && e.Ok);
        return recovered == default ? null : recovered.At - from;
    }
}

/// <summary>
/// The WhatsApp gateway at a fixed concurrency: each worker is one paired dispatcher sending its messages in order,
/// each signed like the gateway signs (X-Clawdbot-*, re-signed per attempt) and retried with the same message_id until
/// it is answered 200 — after a 503, a reset connection or a 10 s timeout alike. Retry-After is honoured in spirit but
/// shortened to keep the suite short.
/// </summary>
internal sealed class GatewayLoad(Uri baseUrl, string secret, int concurrency)
{
    public static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    /// <summary>The messages of one scenario: per dispatcher a problem report, its CONFIRM, a HELP and a status question.</summary>
    public static List<Delivery>[] Plan(string scenario, string runId, int dispatchers, int messages)
    {
        var plan = Enumerable.Range(0, dispatchers).Select(_ => new List<Delivery>()).ToArray();
        for (var i = 0; i < messages; i++)
        {
            var sender = i % dispatchers;
            var step = i / dispatchers;
            var text = (step % 4) switch
            {
                0 => $"LKW W-{1000 + step} hat Bremsenproblem",
                1 => "CONFIRM",
                2 => "HELP",
                _ => "Status Ticket #1",
            };
            var id = $"wamid.faults-{runId}-{scenario}-{sender + 1}-{step}";
            plan[sender].Add(new Delivery(id, IngestClient.Body("whatsapp:+" + Senders.Phone(sender + 1), text, id)));
        }
        return plan;
    }

    /// <summary>Sends every planned message until acknowledged; runs <paramref name="fault"/> once <paramref name="faultAfter"/> are.</summary>
    public async Task<(LoadOutcome Outcome, TimeSpan FaultStartedAt, TimeSpan FaultTook, TimeSpan Took)> RunAsync(
        List<Delivery>[] plan, int faultAfter, Func<Task> fault)
    {
        var outcome = new LoadOutcome();
        var clock = Stopwatch.StartNew();
        var faultStarted = TimeSpan.Zero;
        var faultTook = TimeSpan.Zero;
        var faultTask = Task.Run(async () =>
        {
            while (outcome.Acknowledged.Count < faultAfter) await Task.Delay(10);
            faultStarted = clock.Elapsed;
            await fault();
            faultTook = clock.Elapsed - faultStarted;
        });

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = GatewayTimeout };
        using var ingest = new IngestClient(http, secret);
        var workers = plan.Select(messages => Task.Run(async () =>
        {
            foreach (var delivery in messages) await DeliverAsync(ingest, delivery, outcome, clock);
        }));
        await Task.WhenAll(workers);
        await faultTask;
        return (outcome, faultStarted, faultTook, clock.Elapsed);
    }

    public static async Task<string> DeliverAsync(IngestClient ingest, Delivery delivery, LoadOutcome outcome, Stopwatch clock)
    {
        var deadline = clock.Elapsed + GiveUpAfter;
        while (true)
        {
            try
            {
                var answer = await ingest.SendAsync(delivery.Body);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    outcome.Timeline.Enqueue((clock.Elapsed, true));
                    outcome.Acknowledged[delivery.MessageId] = answer.Reply ?? "";
                    return answer.Reply ?? "";
                }
                outcome.Timeline.Enqueue((clock.Elapsed, false));
                outcome.Failures.Enqueue($"{clock.Elapsed.TotalSeconds:0.0}s {(int)answer.StatusCode} {answer.Milliseconds:0}ms");
                if ((int)answer.StatusCode >= 500) Interlocked.Increment(ref outcome.ServerErrors);
                else
                {
                    Interlocked.Increment(ref outcome.ClientErrors);
                    outcome.Problems.Enqueue($"{delivery.MessageId}: {(int)answer.StatusCode} {answer.RawBody}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome.Timeline.Enqueue((clock.Elapsed, false));
                outcome.Failures.Enqueue($"{clock.Elapsed.TotalSeconds:0.0}s {ex.GetType().Name}");
                Interlocked.Increment(ref outcome.Unreachable);
            }

            if (clock.Elapsed > deadline) throw new TimeoutException($"{delivery.MessageId} was never acknowledged within {GiveUpAfter}.");
            await Task.Delay(RetryPause);
        }
    }

    public static string Seconds(TimeSpan? span) =>
        span is { } value ? value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "—";
}
