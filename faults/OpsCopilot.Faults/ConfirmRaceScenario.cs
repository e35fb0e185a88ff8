using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OpsCopilot.Bench;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Faults;

/// <summary>
/// Every dispatcher's draft is confirmed twice at once — from the console (the API, as the demo admin) and by the
/// dispatcher's own WhatsApp CONFIRM — and the host is killed (kill -9) at a random moment of it, then restarted. Both
/// sides retry until answered. Afterwards every draft is COMMITTED with exactly one ticket and one DRAFT_COMMITTED,
/// none is COMMITTING, and the dispatcher was told the outcome exactly once: by the webhook's reply or by one outbox
/// message from the console, never both, never neither.
/// </summary>
internal sealed class ConfirmRaceScenario(HostHandle host, Ledger ledger, FaultOptions options, string runId, TextWriter log)
{
    public const string Name = "console + WhatsApp confirms racing a host kill";

    public async Task<ScenarioResult> RunAsync()
    {
        log.WriteLine($"==> {Name}");
        var result = new ScenarioResult(Name);
        var random = new Random(options.Seed);
        var outcome = new LoadOutcome();
        var clock = Stopwatch.StartNew();
        var rounds = options.Short ? 2 : 4;
        var messageIds = new List<string>();
        var consoleRetries = 0;
        var killedAt = new List<TimeSpan>();
        var tellings = new Dictionary<string, int> { ["reply"] = 0, ["outbox"] = 0 };
        var consoleFailures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var recoveries = new List<TimeSpan>();
        var restarts = new List<TimeSpan>();

        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 };
        using var http = new HttpClient(handler) { BaseAddress = host.BaseUrl, Timeout = GatewayLoad.GatewayTimeout };
        using var ingest = new IngestClient(http, HostProcess.WebhookSecret);
        var session = await SignInAsync();

        for (var round = 0; round < rounds; round++)
        {
            // Drafts left pending by the load scenarios would be what a late CONFIRM reaches (the newest pending one): clear them.
            await ledger.ScalarAsync("WITH c AS (UPDATE ops.drafts SET status = 'CANCELLED', updated_at = now() WHERE status = 'PENDING_CONFIRM' RETURNING 1) SELECT count(*) FROM c");
            var drafts = new Guid[FaultSuite.Dispatchers];
            var requests = Enumerable.Range(0, FaultSuite.Dispatchers).Select(d => Message(round, d, "draft", $"Reifenpanne WN-{100 + round}{d:00} AB")).ToList();
            messageIds.AddRange(requests.Select(r => r.MessageId));
            await Task.WhenAll(requests.Select(request => GatewayLoad.DeliverAsync(ingest, request, outcome, clock)));
            for (var d = 0; d < FaultSuite.Dispatchers; d++)
                drafts[d] = await ledger.ValueAsync<Guid>(
                    "SELECT d.id FROM ops.drafts d JOIN ops.threads t ON t.id = d.thread_id WHERE t.wa_user_id = $1 AND d.status = 'PENDING_CONFIRM' " +
                    "ORDER BY d.updated_at DESC LIMIT 1", Senders.Phone(d + 1));

            var confirms = Enumerable.Range(0, FaultSuite.Dispatchers).Select(d => Message(round, d, "confirm", "CONFIRM")).ToList();
            messageIds.AddRange(confirms.Select(c => c.MessageId));
            var killAfter = TimeSpan.FromMilliseconds(random.Next(0, 250));
            var killed = TimeSpan.Zero;
            var kill = Task.Run(async () =>
            {
                await Task.Delay(killAfter);
                killed = clock.Elapsed;
                killedAt.Add(killed);
                await host.KillAsync();
                await host.StartAsync();
                lock (restarts) restarts.Add(clock.Elapsed - killed);
            });
            var replies = new string[FaultSuite.Dispatchers];
            await Task.WhenAll(Enumerable.Range(0, FaultSuite.Dispatchers).SelectMany(d => new Task[]
            {
                Task.Run(async () => Interlocked.Add(ref consoleRetries, await ConsoleConfirmAsync(http, session, drafts[d], consoleFailures))),
                Task.Run(async () => replies[d] = await GatewayLoad.DeliverAsync(ingest, confirms[d], outcome, clock)),
            }).Append(kill));

            if (outcome.Recovery(killed) is { } recovery) recoveries.Add(recovery);
            for (var d = 0; d < FaultSuite.Dispatchers; d++) await CheckDraftAsync(result, drafts[d], Senders.Phone(d + 1), replies[d], tellings);
        }

        result.Planned = messageIds.Count;
        result.Acknowledged = outcome.Acknowledged.Count;
        result.ServerErrors = outcome.ServerErrors;
        result.Unreachable = outcome.Unreachable;
        result.Recovery = recoveries.Count > 0 ? recoveries.Max() : null;
        result.FaultTook = restarts.Count > 0 ? restarts.Max() : TimeSpan.Zero;
        result.Took = clock.Elapsed;
        await FaultSuite.CheckAsync(result, outcome, messageIds, ledger);
        result.Notes.Add($"{rounds} rounds × {FaultSuite.Dispatchers} drafts, the host killed at a random point of each round's confirms (seed {options.Seed}); " +
                         $"told by the webhook reply {tellings["reply"]}×, by a console outbox message {tellings["outbox"]}×; console confirms retried {consoleRetries}× " +
                         $"({string.Join(", ", consoleFailures.GroupBy(f => f).Select(g => $"{g.Key} {g.Count()}×"))})");
        log.WriteLine($"    {(result.Passed ? "PASS" : "FAIL")}: {result.Notes[^1]}");
        return result;
    }

    private Delivery Message(int round, int dispatcher, string kind, string text)
    {
        var id = $"wamid.faults-{runId}-race-{round}-{dispatcher + 1}-{kind}";
        return new Delivery(id, IngestClient.Body("whatsapp:+" + Senders.Phone(dispatcher + 1), text, id));
    }

    private async Task<string> SignInAsync()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var response = await http.PostAsJsonAsync("api/v1/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword });
        response.EnsureSuccessStatusCode();
        // The session cookie works on any host instance: the data-protection key ring is in the database.
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>The console's confirm, retried through the kill like any client would; the API answers a repeat like the first.</summary>
    private static async Task<int> ConsoleConfirmAsync(HttpClient http, string cookie, Guid draftId, System.Collections.Concurrent.ConcurrentBag<string> failures)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/ops/drafts/{draftId}/confirm") { Content = JsonContent.Create(new { confirmed = true }) };
                request.Headers.Add("Cookie", cookie);
                using var response = await http.SendAsync(request);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict) return attempt;
                failures.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add(ex.GetType().Name);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The console confirm of {draftId} was never answered.");
            await Task.Delay(300);
        }
    }

    private async Task CheckDraftAsync(ScenarioResult result, Guid draftId, string phone, string reply, Dictionary<string, int> tellings)
    {
        var status = await ledger.ValueAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", draftId);
        var tickets = await ledger.ScalarAsync("SELECT count(*) FROM ops.tickets WHERE draft_id = $1", draftId);
        var committedEvents = await ledger.ScalarAsync("SELECT count(*) FROM ops.events WHERE event_type = 'DRAFT_COMMITTED' AND payload->>'draft_id' = $1", draftId.ToString());
        if (status != DraftStatus.Committed || tickets != 1 || committedEvents != 1)
        {
            result.Failures.Add($"draft {draftId}: {status}, {tickets} ticket(s), {committedEvents} DRAFT_COMMITTED");
            return;
        }

        var number = await ledger.ValueAsync<int>("SELECT ticket_number FROM ops.tickets WHERE draft_id = $1", draftId);
        var outcome = DraftTexts.TicketCommitted(number);
        var byOutbox = await ledger.ScalarAsync(
            "SELECT count(*) FROM ops.notifications WHERE recipient_phone = $1 AND kind = 'TEXT' AND starts_with(body, $2)", phone, outcome + " — confirmed in the console by ");
        // The reply may name the next waiting draft after a blank line; the outcome is its first line.
        var byReply = reply == outcome || reply.StartsWith(outcome + "\n", StringComparison.Ordinal) ? 1 : 0;
        tellings["reply"] += byReply;
        tellings["outbox"] += (int)byOutbox;
        if (byReply + byOutbox != 1)
            result.Failures.Add($"draft {draftId} ({outcome}): told {byReply + byOutbox}× (reply '{reply}', {byOutbox} outbox message(s))");
    }
}
