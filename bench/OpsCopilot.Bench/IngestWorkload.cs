using System.Diagnostics;
using System.Globalization;
using System.Net;
using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Bench;

public enum MessageKind
{
    /// <summary>Text the copilot does not act on: processed, answered with the help text.</summary>
    Unknown,

    /// <summary>A vehicle problem: processed, answered with a CREATE_TICKET draft's preview.</summary>
    TicketRequest,

    /// <summary>A redelivery of a message answered before: "duplicate" with the stored reply, nothing written.</summary>
    Duplicate,
}

/// <summary>How a phase's deliveries came out, by kind; anything not as expected is an error.</summary>
public sealed record IngestCounts(int Unknown, int TicketRequests, int Duplicates, int Errors, IReadOnlyList<string> ErrorSamples)
{
    public int Processed => Unknown + TicketRequests;
    public int Total => Processed + Duplicates + Errors;
}

public sealed record IngestPhaseResult(IngestCounts Counts, double WallSeconds, IReadOnlyList<double> LatenciesMs);

/// <summary>
/// The message mix from paired dispatcher phones, sent with a fixed number in flight. The plan (kinds, senders,
/// texts) is fixed by the seed; which earlier message a redelivery repeats depends on what has been answered.
/// </summary>
public sealed class IngestWorkload(IngestClient client, BenchOptions options, string runId)
{
    // Texts that mean nothing to the copilot: each gets the help reply.
    private static readonly string[] UnknownTexts =
    [
        "Hallo, wer hat heute Spätdienst?",
        "Guten Morgen zusammen",
        "Kaffee im Büro ist leer",
        "Bin gleich beim Kunden",
        "Wann kommt die Lieferung aus Linz?",
        "Ist der Hof heute Abend offen?",
    ];

    // Vehicle problems with a plate: each becomes a ticket draft.
    private static readonly string[] TicketTexts =
    [
        "LKW {0} hat Bremsenproblem",
        "LKW {0} hat Reifenpanne auf der A1",
        "Motorproblem bei LKW {0}",
        "LKW {0} Licht defekt",
    ];

    private static readonly string[] PlatePrefixes = ["W", "G", "L", "S", "K"];

    private readonly List<Replayable> answered = [];
    private int nextMessage;
    private int sent;

    /// <summary>Deliveries sent so far by this workload (pairings excluded), for the RSS reading.</summary>
    public int Sent => Volatile.Read(ref sent);

    private sealed record Replayable(byte[] Body, string Reply);

    private sealed record Planned(MessageKind Kind, int Sender, string Text);

    /// <summary>A message answered outside the workload (a pairing) that redeliveries may repeat.</summary>
    public void Remember(byte[] body, string reply)
    {
        lock (answered) answered.Add(new Replayable(body, reply));
    }

    public Task<IngestPhaseResult> WarmUpAsync(int round, int concurrency) =>
        RunAsync($"c{concurrency}r{round}w", options.WarmupMessages, concurrency * 1000 + round * 2, concurrency);

    public Task<IngestPhaseResult> MeasureAsync(int round, int concurrency) =>
        RunAsync($"c{concurrency}r{round}m", options.Messages, concurrency * 1000 + round * 2 + 1, concurrency);

    /// <summary>Unmeasured messages of the same mix (the RSS reading's top-up).</summary>
    public Task<IngestPhaseResult> SendMixAsync(string phase, int count, int concurrency) =>
        RunAsync(phase, count, 999_999, concurrency);

    /// <summary>Fresh unknown-text messages (each answered with the help text), one per sender in turn.</summary>
    public IReadOnlyList<byte[]> FreshUnknownMessages(string phase, int count) =>
        Enumerable.Range(0, count).Select(i => IngestClient.Body("whatsapp:+" + Senders.Phone(1 + i % options.Senders),
            UnknownTexts[i % UnknownTexts.Length], $"wamid.bench-{runId}-{phase}-{Interlocked.Increment(ref nextMessage)}")).ToList();

    /// <summary>Sends each body once, <paramref name="concurrency"/> in flight; an answer <paramref name="expected"/> refuses is an error.</summary>
    public async Task<(int Ok, IReadOnlyList<string> Errors, double WallSeconds, IReadOnlyList<double> LatenciesMs)> SendEachAsync(
        IReadOnlyList<byte[]> bodies, int concurrency, Func<IngestAnswer, bool> expected)
    {
        var latencies = new double[bodies.Count];
        var errors = new List<string>();
        var ok = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
            {
                Interlocked.Increment(ref sent);
                try
                {
                    var answer = await client.SendAsync(bodies[i]);
                    latencies[i] = answer.Milliseconds;
                    if (expected(answer)) Interlocked.Increment(ref ok);
                    else lock (errors) errors.Add($"{(int)answer.StatusCode} {Shorten(answer.RawBody)}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    lock (errors) errors.Add($"{ex.GetType().Name}: {ex.Message}");
                }
            }
        })));
        return (ok, errors, Stopwatch.GetElapsedTime(started).TotalSeconds, latencies.Where(l => l > 0).ToArray());
    }

    private async Task<IngestPhaseResult> RunAsync(string phase, int count, int planSeed, int concurrency)
    {
        var plan = Plan(count, options.Seed + planSeed);
        var latencies = new double[count];
        int unknown = 0, tickets = 0, duplicates = 0, errors = 0;
        var errorSamples = new List<string>();
        var next = -1;

        async Task WorkerAsync(int worker)
        {
            var random = new Random(options.Seed ^ (worker * 7919) ^ planSeed);
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var planned = plan[i];
                byte[] body;
                string? expectedReply = null;
                if (planned.Kind == MessageKind.Duplicate)
                {
                    var original = PickAnswered(random);
                    body = original.Body;
                    expectedReply = original.Reply;
                }
                else
                {
                    var id = Interlocked.Increment(ref nextMessage);
                    body = IngestClient.Body("whatsapp:+" + Senders.Phone(planned.Sender), planned.Text, $"wamid.bench-{runId}-{phase}-{id}");
                }

                IngestAnswer answer;
                Interlocked.Increment(ref sent);
                try
                {
                    answer = await client.SendAsync(body);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Fail($"{planned.Kind}: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                latencies[i] = answer.Milliseconds;
                var ok = answer.StatusCode == HttpStatusCode.OK && planned.Kind switch
                {
                    MessageKind.Unknown => answer.Status == "processed" && answer.Reply == ConversationReplies.Help,
                    MessageKind.TicketRequest => answer.Status == "processed" && answer.Reply?.StartsWith("Create ticket:", StringComparison.Ordinal) == true,
                    _ => answer.Status == "duplicate" && answer.Reply == expectedReply,
                };
                if (!ok)
                {
                    Fail($"{planned.Kind} '{planned.Text}': {(int)answer.StatusCode} {Shorten(answer.RawBody)}");
                    continue;
                }

                switch (planned.Kind)
                {
                    case MessageKind.Unknown: Interlocked.Increment(ref unknown); break;
                    case MessageKind.TicketRequest: Interlocked.Increment(ref tickets); break;
                    default: Interlocked.Increment(ref duplicates); break;
                }

                if (planned.Kind != MessageKind.Duplicate)
                    lock (answered) answered.Add(new Replayable(body, answer.Reply!));
            }
        }

        void Fail(string why)
        {
            Interlocked.Increment(ref errors);
            lock (errorSamples) if (errorSamples.Count < 5) errorSamples.Add(why);
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var measured = latencies.Where(l => l > 0).ToArray();
        return new IngestPhaseResult(new IngestCounts(unknown, tickets, duplicates, errors, errorSamples), wall, measured);
    }

    private Replayable PickAnswered(Random random)
    {
        lock (answered)
        {
            if (answered.Count == 0) throw new InvalidOperationException("A redelivery came before any message was answered.");
            return answered[random.Next(answered.Count)];
        }
    }

    private Planned[] Plan(int count, int seed)
    {
        var random = new Random(seed);
        var plan = new Planned[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var sender = random.Next(1, options.Senders + 1);
            plan[i] = roll < options.UnknownPercent
                ? new Planned(MessageKind.Unknown, sender, UnknownTexts[random.Next(UnknownTexts.Length)])
                : roll < options.UnknownPercent + options.TicketPercent
                    ? new Planned(MessageKind.TicketRequest, sender, string.Format(CultureInfo.InvariantCulture,
                        TicketTexts[random.Next(TicketTexts.Length)],
                        $"{PlatePrefixes[random.Next(PlatePrefixes.Length)]}-{random.Next(1000, 10000)}"))
                    : new Planned(MessageKind.Duplicate, sender, "(redelivery)");
        }

        return plan;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
