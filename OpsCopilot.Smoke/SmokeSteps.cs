using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.Data.Security;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.Smoke;

/// <summary>
/// The pilot runbook's §3 against a running instance: the admin's steps in headless chromium through the E2E page
/// objects (sign in, pairing code, the ticket on its page), the dispatcher's WhatsApp messages as signed webhook calls
/// from a reserved test number, every check through the REST API, and the runbook's SQL when a database is given.
/// </summary>
public sealed partial class SmokeSteps(SmokeOptions options, SmokeRun run) : IAsyncDisposable
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    private readonly SmokeApi api = new(options.Url);
    private readonly SignedWebhook webhook = new(options.Url, options.Secret);
    private readonly SmokeSql? sql = options.DatabaseUrl is null ? null : new SmokeSql(options.DatabaseUrl);
    // Unique per run, so this run's messages are never duplicates of an earlier run's.
    private readonly string runId = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private IPage page = null!;
    private SmokeWorld world = null!;
    private Guid adminId;
    private string pairingCode = "";
    private Guid? inviteId;
    private Guid? threadId;
    private Guid? driverId;
    private int? ticketNumber;
    private string ticketTitle = "";
    private Guid draftId;
    private JsonNode? firstCommitResult;

    public async Task RunAsync()
    {
        await run.StepAsync("setup", "sign in as the admin (API and console in headless chromium)", SignInAsync);
        await run.StepAsync("setup", "smoke driver and template ready (created or reused through the API)", PrepareAsync);

        await run.StepAsync("3.1.1", "create a pairing code in the console (Pairing page)", CreatePairingCodeAsync);
        await run.StepAsync("3.1.2", "smoke phone sends PAIR <code> → \"Paired successfully!\"", PairAsync);
        await run.StepAsync("3.1.3", "identity of the smoke phone is ACTIVE (GET /pairing/identities)", IdentityActiveAsync);
        await run.StepAsync("3.1.4", "ticket request → \"Create ticket: '…'? Reply CONFIRM or CANCEL\"", TicketRequestAsync);
        await run.StepAsync("3.1.5", "CONFIRM → \"Ticket #N created\"", TicketConfirmAsync);
        await run.StepAsync("3.1.6", "ticket exists (GET /tickets/N) and shows on the Tickets page", TicketVisibleAsync);

        await run.StepAsync("3.2.1", $"broadcast request → \"Send template {SmokeWorld.TemplateKey} to 1 driver? …\"", BroadcastRequestAsync);
        await run.StepAsync("3.2.2", "pending draft id (GET /drafts?status=PENDING_CONFIRM)", PendingDraftAsync);
        await run.StepAsync("3.2.3", "first confirm (POST /drafts/{id}/confirm) → COMMITTED", FirstConfirmAsync);
        await run.StepAsync("3.2.4", "second confirm → COMMITTED, same result, no re-execution", SecondConfirmAsync);
        await run.StepAsync("3.2.5", "exactly one DRAFT_COMMITTED event for the draft", OneCommitEventAsync);
        await run.StepAsync("3.2.6", "the broadcast went to the smoke driver's test number, sent by the sink", BroadcastSunkAsync);

        var requestId = "smoke-dedup-" + runId;
        var messageId = "smoke-dedup-msg-" + runId;
        WebhookAnswer? first = null;
        await run.StepAsync("3.3.1", "signed ingest with X-Request-Id → processed", async () => first = await IngestAsync(requestId, messageId, "processed"));
        await run.StepAsync("3.3.2", "same X-Request-Id again → duplicate (the first reply)", async () => await DuplicateAsync(requestId, messageId, first!));
        await run.StepAsync("3.3.3", "exactly one MESSAGE_IN event and one dedup record", async () => await OneMessageInAsync(requestId, messageId));
        if (sql is not null)
            await run.StepAsync("1", "ops.verify_ops_copilot_integrity(): every check PASS", IntegrityAsync);

        await run.AlwaysAsync("cleanup", "close the smoke ticket, unpair the smoke phone, park the smoke driver and template", CleanUpAsync);
    }

    private async Task SignInAsync()
    {
        var login = await api.SignInAsync(options.AdminEmail, options.AdminPassword);
        adminId = Guid.Parse(login["user_id"]!.GetValue<string>());
        world = new SmokeWorld(login["tenant_id"]!.GetValue<int>());
        var roles = login["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        run.TenantDescription = $"tenant {world.TenantId}, roles {string.Join(", ", roles)}";
        SmokeFailure.Unless(roles.Contains("TenantAdmin"), "the TenantAdmin role", string.Join(", ", roles));

        // A deployment under load, or far away, answers slower than the test host: the page objects' expectations wait
        // 15 s and actions 30 s before a step is called failed.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = options.Url.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(30_000);
        page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(options.AdminEmail, options.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await new ConsoleShell(page).WaitUntilLiveAsync();
    }

    private async Task PrepareAsync()
    {
        var template = await api.FindAsync($"api/v1/ops/broadcast/templates/{SmokeWorld.TemplateKey}");
        var definition = new
        {
            template_key = SmokeWorld.TemplateKey,
            body_template = SmokeWorld.TemplateBody,
            expected_params = SmokeWorld.TemplateParams,
            audience = "DRIVER",
        };
        if (template is null)
            await api.PostAsync("api/v1/ops/broadcast/templates", definition);
        else if (template["body_template"]!.GetValue<string>() != SmokeWorld.TemplateBody)
            await api.PutAsync($"api/v1/ops/broadcast/templates/{SmokeWorld.TemplateKey}", definition);
        await api.PostAsync($"api/v1/ops/broadcast/templates/{SmokeWorld.TemplateKey}/flags", new { is_approved = true, is_active = true });

        var driver = (await api.ListAsync($"api/v1/ops/drivers?search={Uri.EscapeDataString(SmokeWorld.DriverName)}"))
            .FirstOrDefault(d => d["phone"]!.GetValue<string>() == world.DriverPhone);
        if (driver is null)
        {
            var created = await api.PostAsync("api/v1/ops/drivers", new { full_name = SmokeWorld.DriverName, phone = world.DriverPhone, subscribed = true });
            driverId = Guid.Parse(created["id"]!.GetValue<string>());
        }
        else
        {
            driverId = Guid.Parse(driver["id"]!.GetValue<string>());
            await api.PutAsync($"api/v1/ops/drivers/{driverId}", new { full_name = SmokeWorld.DriverName, phone = world.DriverPhone, is_active = true });
            await api.PostAsync($"api/v1/ops/drivers/{driverId}/subscription", new { subscribed = true, source = "smoke" });
        }

        // A run that was interrupted may have left the smoke phone paired: unpair it, so PAIR starts from scratch.
        foreach (var identity in await SmokeIdentitiesAsync())
            await api.PostAsync($"api/v1/ops/pairing/identities/{identity["id"]}/revoke", new { });
    }

    private async Task CreatePairingCodeAsync()
    {
        await new ConsoleShell(page).NavigateAsync("Pairing");
        await page.WaitForURLAsync("**/pairing");
        var pairing = new PairingPage(page);
        var earlier = (await PendingInvitesAsync()).ToHashSet();
        await pairing.CreateInviteAsync(options.AdminEmail);
        pairingCode = (await pairing.Code.InnerTextAsync()).Trim();
        await ScreenshotAsync("01-pairing-code");
        inviteId = (await PendingInvitesAsync()).Except(earlier).Cast<Guid?>().SingleOrDefault();
        SmokeFailure.Unless(inviteId is not null, $"one new PENDING invite for {options.AdminEmail} (GET /pairing/invites)", "none");
        SmokeFailure.Unless(Regex.IsMatch(pairingCode, "^[0-9]{6,10}$"), "a numeric pairing code", $"'{pairingCode}'");
    }

    private async Task PairAsync()
    {
        var answer = await SendAsync($"PAIR {pairingCode}", "pair");
        Expect(answer, "processed", "Paired successfully!");
        threadId = Guid.Parse(answer.Json!["thread_id"]!.GetValue<string>());
    }

    private async Task IdentityActiveAsync()
    {
        var identities = await SmokeIdentitiesAsync();
        SmokeFailure.Unless(identities.Count == 1, $"one ACTIVE identity {PhoneNumbers.Mask(world.DispatcherPhone)} of {options.AdminEmail}",
            $"{identities.Count}");
    }

    private async Task TicketRequestAsync()
    {
        var answer = await SendAsync(SmokeWorld.TicketRequest, "ticket");
        var match = TicketDraftReply().Match(FirstLine(answer));
        SmokeFailure.Unless(answer.Status == 200 && match.Success && match.Groups[1].Value.Contains(SmokeWorld.TicketTitleWord, StringComparison.Ordinal),
            $"\"Create ticket: '…{SmokeWorld.TicketTitleWord}…'? Reply CONFIRM or CANCEL\"", Describe(answer));
        ticketTitle = match.Groups[1].Value;
    }

    private async Task TicketConfirmAsync()
    {
        var answer = await SendAsync("CONFIRM", "ticket-confirm");
        var match = TicketCreatedReply().Match(FirstLine(answer));
        SmokeFailure.Unless(answer.Status == 200 && match.Success, "\"Ticket #N created\"", Describe(answer));
        ticketNumber = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task TicketVisibleAsync()
    {
        var ticket = await api.GetAsync($"api/v1/ops/tickets/{ticketNumber}");
        var title = ticket["title"]!.GetValue<string>();
        SmokeFailure.Unless(title == ticketTitle && ticket["status"]!.GetValue<string>() == "OPEN",
            $"ticket #{ticketNumber} OPEN titled '{ticketTitle}'", $"'{title}' {ticket["status"]}");

        await page.GotoAsync("tickets");
        await new ConsoleShell(page).WaitUntilLiveAsync();
        var tickets = new TicketsPage(page);
        await tickets.SearchAsync(ticketTitle);
        await Assertions.Expect(tickets.Row(ticketTitle).Filter(new() { HasText = $"#{ticketNumber}" }).First).ToBeVisibleAsync();
        await ScreenshotAsync("02-ticket");
    }

    private async Task BroadcastRequestAsync()
    {
        var answer = await SendAsync(SmokeWorld.BroadcastRequest, "broadcast");
        Expect(answer, "processed", $"Send template {SmokeWorld.TemplateKey} to 1 driver? Reply CONFIRM or CANCEL");
    }

    private async Task PendingDraftAsync()
    {
        var pending = (await api.ListAsync("api/v1/ops/drafts?status=PENDING_CONFIRM"))
            .Where(d => d["thread_id"]?.GetValue<string>() == threadId.ToString() && d["action_type"]!.GetValue<string>() == "SEND_BROADCAST")
            .ToList();
        SmokeFailure.Unless(pending.Count == 1, "one pending SEND_BROADCAST draft of the smoke phone's thread", $"{pending.Count}");
        draftId = Guid.Parse(pending[0]["id"]!.GetValue<string>());
    }

    private async Task FirstConfirmAsync()
    {
        var decision = await api.PostAsync($"api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true });
        SmokeFailure.Unless(decision["status"]!.GetValue<string>() == "COMMITTED" && decision["commit_result"] is not null,
            "status COMMITTED with a commit_result", decision.ToJsonString());
        firstCommitResult = decision["commit_result"];
    }

    private async Task SecondConfirmAsync()
    {
        var decision = await api.PostAsync($"api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true });
        SmokeFailure.Unless(decision["status"]!.GetValue<string>() == "COMMITTED" && JsonNode.DeepEquals(decision["commit_result"], firstCommitResult),
            $"COMMITTED with the first commit_result {firstCommitResult?.ToJsonString()}", decision.ToJsonString());
    }

    private async Task OneCommitEventAsync()
    {
        var evidence = await api.GetAsync($"api/v1/ops/drafts/{draftId}/evidence");
        var commits = evidence["events"]!.AsArray().Count(e => e!["event_type"]!.GetValue<string>() == "DRAFT_COMMITTED");
        SmokeFailure.Unless(commits == 1, "1 DRAFT_COMMITTED in the draft's evidence (API)", $"{commits}");
        if (sql is null) return;
        var counted = await sql.DraftCommittedEventsAsync(draftId);
        SmokeFailure.Unless(counted == 1, "1 from the runbook's SELECT COUNT(*) … DRAFT_COMMITTED", $"{counted}");
    }

    private async Task BroadcastSunkAsync()
    {
        var masked = PhoneNumbers.Mask(world.DriverPhone);
        var deadline = DateTimeOffset.UtcNow + DeliveryTimeout;
        while (true)
        {
            var rows = (await api.ListAsync("api/v1/ops/notifications"))
                .Where(n => n["draft_id"]?.GetValue<string>() == draftId.ToString()).ToList();
            var summary = rows.Count == 0
                ? "no notification"
                : string.Join(", ", rows.Select(n => $"{n["recipient"]} {n["status"]} {n["provider_message_id"]} {n["last_error"]}"));
            if (rows.Count == 1 && rows[0]["status"]!.GetValue<string>() is "sent" or "delivered" or "read")
            {
                var row = rows[0];
                SmokeFailure.Unless(row["recipient"]!.GetValue<string>() == masked && row["driver_id"]?.GetValue<string>() == driverId.ToString()
                    && (row["provider_message_id"]?.GetValue<string>() ?? "").StartsWith("sink-", StringComparison.Ordinal),
                    $"one notification to {masked} (the smoke driver) with a sink- provider id", summary);
                return;
            }
            if (rows.Count > 1 || rows.Any(n => n["status"]!.GetValue<string>() is "failed" or "dead") || DateTimeOffset.UtcNow > deadline)
                throw new SmokeFailure($"one notification to {masked}, sent within {DeliveryTimeout.TotalSeconds:0} s", summary);
            await Task.Delay(500);
        }
    }

    private async Task<WebhookAnswer> IngestAsync(string requestId, string messageId, string expectedStatus)
    {
        var answer = await webhook.PostAsync(world.DispatcherPhone, SmokeWorld.DuplicateTestBody, messageId, requestId);
        SmokeFailure.Unless(answer.Status == 200 && answer.Outcome == expectedStatus && answer.Json?["thread_id"] is not null,
            $"200 {{\"status\": \"{expectedStatus}\", \"thread_id\": …}}", Describe(answer));
        return answer;
    }

    private async Task DuplicateAsync(string requestId, string messageId, WebhookAnswer first)
    {
        var again = await IngestAsync(requestId, messageId, "duplicate");
        SmokeFailure.Unless(Reply(again) == Reply(first) && again.Json!["thread_id"]!.ToJsonString() == first.Json!["thread_id"]!.ToJsonString(),
            $"the first answer's thread and reply \"{Reply(first)}\"", Describe(again));
    }

    private async Task OneMessageInAsync(string requestId, string messageId)
    {
        // Without the database the duplicate answer above is the proof; with it, the runbook's own counts.
        if (sql is null) return;
        var messages = await sql.MessageInEventsAsync(messageId);
        var dedup = await sql.DedupRecordsAsync(requestId);
        SmokeFailure.Unless(messages == 1 && dedup == 1, "1 MESSAGE_IN event and 1 ops.ingest_dedup row", $"{messages} MESSAGE_IN, {dedup} dedup rows");
    }

    private async Task IntegrityAsync()
    {
        var failed = await sql!.FailedIntegrityChecksAsync();
        SmokeFailure.Unless(failed.Count == 0, "every check PASS", string.Join("; ", failed));
    }

    /// <summary>Leaves nothing in the customer's way: the ticket closed, the phone unpaired, the driver and template inactive.</summary>
    private async Task CleanUpAsync()
    {
        if (world is null) return;
        if (ticketNumber is { } number)
            await api.PostAsync($"api/v1/ops/tickets/{number}/status", new { status = "CLOSED" });
        foreach (var identity in await SmokeIdentitiesAsync())
            await api.PostAsync($"api/v1/ops/pairing/identities/{identity["id"]}/revoke", new { });
        // A code the run created but never used (pairing failed) must not stay claimable.
        if (inviteId is { } invite && (await PendingInvitesAsync()).Contains(invite))
            await api.PostAsync($"api/v1/ops/pairing/invites/{invite}/revoke", new { });
        // A draft a failed run left waiting would sit on the customer's Drafts page until it expires.
        if (threadId is not null)
            foreach (var draft in await api.ListAsync("api/v1/ops/drafts?status=PENDING_CONFIRM"))
                if (draft["thread_id"]?.GetValue<string>() == threadId.ToString())
                    await api.PostAsync($"api/v1/ops/drafts/{draft["id"]}/confirm", new { confirmed = false });
        if (driverId is { } id)
        {
            await api.PostAsync($"api/v1/ops/drivers/{id}/subscription", new { subscribed = false, source = "smoke" });
            await api.PutAsync($"api/v1/ops/drivers/{id}", new { full_name = SmokeWorld.DriverName, phone = world.DriverPhone, is_active = false });
        }
        if (await api.FindAsync($"api/v1/ops/broadcast/templates/{SmokeWorld.TemplateKey}") is not null)
            await api.PostAsync($"api/v1/ops/broadcast/templates/{SmokeWorld.TemplateKey}/flags", new { is_active = false });
    }

    private async Task<List<Guid>> PendingInvitesAsync() =>
        (await api.GetAsync("api/v1/ops/pairing/invites")).AsArray()
            .Where(i => i!["user_id"]!.GetValue<string>() == adminId.ToString() && i["status"]!.GetValue<string>() == "PENDING")
            .Select(i => Guid.Parse(i!["invite_id"]!.GetValue<string>())).ToList();

    private async Task<List<JsonNode>> SmokeIdentitiesAsync()
    {
        var masked = PhoneNumbers.Mask(world.DispatcherPhone);
        return (await api.GetAsync("api/v1/ops/pairing/identities")).AsArray()
            .Where(i => i!["status"]!.GetValue<string>() == "ACTIVE" && i["user_id"]!.GetValue<string>() == adminId.ToString()
                        && i["wa_user_id_masked"]!.GetValue<string>().TrimStart('+') == masked)
            .Select(i => i!).ToList();
    }

    private Task<WebhookAnswer> SendAsync(string text, string what) =>
        webhook.PostAsync(world.DispatcherPhone, text, $"smoke-{runId}-{what}");

    private static void Expect(WebhookAnswer answer, string status, string reply) =>
        SmokeFailure.Unless(answer.Status == 200 && answer.Outcome == status && FirstLine(answer) == reply,
            $"200 {status} \"{reply}\"", Describe(answer));

    private static string Reply(WebhookAnswer answer) => answer.Json?["reply"]?.GetValue<string>() ?? "";

    // The runbook fixes a reply's first line (docs/conversation.md); the lines after it show the draft's fields.
    private static string FirstLine(WebhookAnswer answer) => Reply(answer).Split('\n', 2)[0].TrimEnd();

    private static string Describe(WebhookAnswer answer) =>
        answer.Status == 200 ? $"200 {answer.Outcome} \"{Reply(answer).ReplaceLineEndings(" ⏎ ")}\"" : $"{answer.Status} {SmokeApi.Describe(answer.Text)}";

    private async Task ScreenshotAsync(string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = run.ScreenshotPath(name), FullPage = true });

    [GeneratedRegex(@"^Create ticket: '(.+)'\? Reply CONFIRM or CANCEL$")]
    private static partial Regex TicketDraftReply();

    [GeneratedRegex(@"^Ticket #([0-9]+) created$")]
    private static partial Regex TicketCreatedReply();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        api.Dispose();
        webhook.Dispose();
    }
}
