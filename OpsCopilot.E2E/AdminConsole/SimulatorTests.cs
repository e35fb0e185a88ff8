using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.AdminConsole;

/// <summary>The demo without a gateway: pairing, a draft and its confirmation, all through the simulator's signed webhook calls.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SimulatorTests(ConsoleFixture fixture)
{
    /// <summary>A simulator number of the demo tenant (1): the simulator speaks as no other new number.</summary>
    private static string NewPhone() => UniqueData.SimulatorPhone(tenantId: 1);

    [Fact]
    public async Task A_code_from_the_pairing_page_pairs_a_phone_through_the_simulator_and_the_identity_appears()
    {
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Pairing", "pairing");
        var pairing = new PairingPage(session.Page);
        await pairing.CreateInviteAsync(RunningHost.DispatcherEmail);
        var code = (await pairing.Code.InnerTextAsync()).Trim();

        await session.OpenAsync("WhatsApp simulator", "simulator");
        var simulator = new SimulatorPage(session.Page);
        var phone = NewPhone();
        await simulator.SendAsync("+" + phone, "PAIR " + code);

        await Assertions.Expect(simulator.Received("Paired successfully!")).ToBeVisibleAsync();
        await Assertions.Expect(simulator.SentBubbles.Last).ToContainTextAsync("processed · HTTP 200");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.identities i JOIN auth.users u ON u.id = i.user_id WHERE i.wa_user_id = $1 AND i.status = 'ACTIVE' AND u.email = $2",
            phone, RunningHost.DispatcherEmail)).ShouldBe(1L);
        // It went through the webhook's ledger like a gateway message.
        (await fixture.Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE wa_user_id = $1 AND message_id LIKE 'sim-%'", phone))
            .ShouldBe(1L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "simulator-paired");

        await session.OpenAsync("Identities", "identities");
        var identities = new IdentitiesPage(session.Page);
        var identityId = await fixture.Host.Database.ScalarAsync<Guid>("SELECT id FROM ops.identities WHERE wa_user_id = $1 AND status = 'ACTIVE'", phone);
        var row = identities.Row(identityId);
        await Assertions.Expect(row.GetByTestId("identity-number")).ToContainTextAsync(UniqueData.Masked(phone));
        await Assertions.Expect(row.GetByTestId("identity-status")).ToHaveTextAsync("ACTIVE");
        await Assertions.Expect(row).ToContainTextAsync(RunningHost.DispatcherEmail);
        await ConsoleFixture.ScreenshotAsync(session.Page, "simulator-paired-identity");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_draft_written_in_the_simulator_appears_live_on_drafts_is_confirmed_there_and_its_ticket_shows()
    {
        // A real-looking number, paired in the demo tenant below: the tenant's own phones are the simulator's to use.
        var phone = UniqueData.Phone("43676");
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) SELECT 1, id, $1 FROM auth.users WHERE email = $2",
            phone, RunningHost.DispatcherEmail);
        var plate = UniqueData.Plate();
        var title = $"Bremsenproblem LKW {plate}";

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Drafts", "drafts");
        var drafts = new DraftsPage(session.Page);
        await Assertions.Expect(drafts.PendingList.Or(drafts.NoPending)).ToBeVisibleAsync();

        // The simulator in a second tab of the same console; the Drafts tab is never reloaded.
        var simulatorTab = await session.Context.NewPageAsync();
        await simulatorTab.GotoAsync("simulator");
        await new ConsoleShell(simulatorTab).WaitUntilLiveAsync();
        var simulator = new SimulatorPage(simulatorTab);
        await simulator.SendAsync("+43 " + phone[2..], $"LKW {plate} hat Bremsenproblem");
        await Assertions.Expect(simulator.Received($"Create ticket: '{title}'? Reply CONFIRM or CANCEL")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(simulatorTab, "simulator-draft-reply");

        var card = drafts.PendingCard(title);
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await ConsoleFixture.ScreenshotAsync(session.Page, "simulator-draft-live-on-drafts");
        await drafts.ConfirmAsync(card);
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("Draft executed")).ToBeVisibleAsync();
        var draftId = await fixture.Host.Database.ScalarAsync<Guid>(
            "SELECT id FROM ops.drafts WHERE tenant_id = 1 AND payload->>'title' = $1", title);
        var ticketNumber = await fixture.Host.Database.ScalarAsync<int>("SELECT ticket_number FROM ops.tickets WHERE draft_id = $1", draftId);
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar($"Ticket #{ticketNumber} created")).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);

        await session.OpenAsync("Tickets", "tickets");
        var tickets = new TicketsPage(session.Page);
        await Assertions.Expect(tickets.Row(title).GetByTestId("ticket-number")).ToHaveTextAsync($"#{ticketNumber}");
        await ConsoleFixture.ScreenshotAsync(session.Page, "simulator-draft-ticket");

        // A new tab is a new circuit with no chat of its own: entering the number brings back the conversation so far.
        var laterTab = await session.Context.NewPageAsync();
        await laterTab.GotoAsync("simulator");
        await new ConsoleShell(laterTab).WaitUntilLiveAsync();
        var later = new SimulatorPage(laterTab);
        await later.EnterPhoneAsync("+" + phone);
        await Assertions.Expect(later.SentBubbles.Filter(new() { HasText = $"LKW {plate} hat Bremsenproblem" })).ToContainTextAsync("from the audit trail");
        await Assertions.Expect(later.Received($"Create ticket: '{title}'? Reply CONFIRM or CANCEL")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(laterTab, "simulator-history");

        // A national number is ambiguous: the field says what to write instead and nothing is sent.
        await simulator.TryToSendAsync("0664 1234567", "hallo");
        await Assertions.Expect(simulator.Phone).ToHaveAccessibleDescriptionAsync(new Regex("Add the country code"));
        await Assertions.Expect(simulator.SentBubbles.Filter(new() { HasText = "hallo" })).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(simulatorTab, "simulator-phone-validation");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_system_page_shows_metrics_runs_retention_with_counts_and_redacts_the_configuration()
    {
        await using var session = await SignedIn.AdminAsync(fixture);
        // One message through the webhook, so the counters have something of this test to show.
        await session.OpenAsync("WhatsApp simulator", "simulator");
        await new SimulatorPage(session.Page).SendAsync("+" + NewPhone(), "hilfe");
        // Past the 7-day cutoff. The host's own worker may purge them first (it runs after traffic): the counts
        // shown are then compared with what the console's run recorded, not with a guess.
        await fixture.Host.Database.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, tenant_id, created_at)
            SELECT 'e2e-old-' || gen_random_uuid(), '436641000001', 1, now() - interval '9 days' FROM generate_series(1, 3)
            """);
        await session.OpenAsync("System", "system");
        var system = new SystemPage(session.Page);
        await Assertions.Expect(system.MetricRows("wa_message_processed_total").Filter(new() { HasText = "channel=gateway, outcome=processed" })
            .GetByTestId("metric-value")).ToHaveTextAsync(new Regex(@"^[1-9][0-9,]*$"));
        await Assertions.Expect(system.MetricRows("wa_webhook_request_ms").Filter(new() { HasText = "status_code=200" }).First).ToContainTextAsync("× (mean");
        await Assertions.Expect(system.MetricRows("notify_outbox_depth").First).ToBeVisibleAsync();
        await Assertions.Expect(system.MetricRows("ops_drafts").First).ToBeVisibleAsync();
        await Assertions.Expect(system.MetricRows("wa_webhook_request_ms").First).ToContainTextAsync("Webhook requests");
        await Assertions.Expect(system.RetentionSchedule).ToContainTextAsync("every 1 h and after webhook traffic");

        await system.RunRetentionAsync();

        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("Retention finished")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, new ActionDialog(session.Page).Snackbar("Retention finished"));
        await Assertions.Expect(system.RetentionLastRun).Not.ToContainTextAsync("not since");
        (await fixture.Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key LIKE 'e2e-old-%'")).ShouldBe(0L);
        var recorded = await fixture.Host.Database.ScalarAsync<string>(
            "SELECT format('%s ingest key(s), %s webhook log(s), %s notification(s)', payload->>'ingest_dedup_purged', payload->>'webhook_logs_purged', payload->>'notifications_purged') " +
            "FROM ops.events WHERE tenant_id = 1 AND event_type = 'RETENTION_RUN' ORDER BY id DESC LIMIT 1");
        // "Last run by this host" may already be the worker's next run (it purges after traffic too), so only the
        // console's own answer is compared with what it recorded.
        await Assertions.Expect(system.RetentionLastCounts).ToContainTextAsync("ingest key(s)");
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("Retention finished")).ToContainTextAsync("Purged " + recorded!);

        await Assertions.Expect(system.ConfigurationValue("OpsCopilot:Webhook:Secret")).ToHaveTextAsync("set (redacted)");
        await Assertions.Expect(system.ConfigurationValue("ConnectionStrings:Default")).ToContainTextAsync("password=(redacted)");
        var html = await session.Page.ContentAsync();
        html.ShouldNotContain(RunningHost.WebhookSecret);
        html.ShouldNotContain(new NpgsqlConnectionStringBuilder(fixture.Host.Database.AppConnectionString).Password!);
        await ConsoleFixture.ScreenshotAsync(session.Page, "system-metrics");
        await system.RetentionCard.ScrollIntoViewIfNeededAsync();
        await ConsoleFixture.ScreenshotAsync(session.Page, "system-retention");
        await system.ConfigurationCard.ScrollIntoViewIfNeededAsync();
        await ConsoleFixture.ScreenshotAsync(session.Page, "system-configuration");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_quick_pick_is_filled_before_typing_and_offers_the_tenants_numbers_but_no_driver_of_another_tenant()
    {
        // Tenant 1's own driver, and a driver who drives for tenant 1 and a second tenant (the simulator refuses that number).
        var own = UniqueData.Phone("43699");
        var shared = UniqueData.Phone("43699");
        var suffix = UniqueData.Next().ToString("D5", CultureInfo.InvariantCulture);
        var created = await fixture.Host.RunVerbAsync(["create-tenant", "--name", "Spedition Quick " + suffix]);
        var otherTenant = int.Parse(Regex.Match(created, @"Created tenant (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES (1, $1, $2), (1, $3, $4), ($5, $3, $4)",
            "Quickpick Eigen " + suffix, own, "Quickpick Geteilt " + suffix, shared, otherTenant);

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("WhatsApp simulator", "simulator");
        var simulator = new SimulatorPage(session.Page);

        await simulator.OpenQuickPickAsync();
        await Assertions.Expect(simulator.QuickPickOptions.First).ToBeVisibleAsync();
        (await simulator.QuickPickOptions.CountAsync()).ShouldBeGreaterThan(1);
        await ConsoleFixture.ScreenshotAsync(session.Page, "simulator-quick-pick-open");
        await simulator.QuickPick.FillAsync("Quickpick");
        await Assertions.Expect(simulator.QuickPickOptions.Filter(new() { HasText = "Quickpick Eigen " + suffix })).ToHaveCountAsync(1);
        await Assertions.Expect(simulator.QuickPickOptions.Filter(new() { HasText = "Quickpick Geteilt " + suffix })).ToHaveCountAsync(0);
        // Masked in the list, the name beside it.
        await Assertions.Expect(simulator.QuickPickOptions.Filter(new() { HasText = "Quickpick Eigen " + suffix })).ToContainTextAsync(UniqueData.Masked(own));

        await simulator.QuickPickOptions.Filter(new() { HasText = "Quickpick Eigen " + suffix }).ClickAsync();
        await Assertions.Expect(simulator.Phone).ToHaveValueAsync("+" + own);
        await Assertions.Expect(simulator.ChatTitle).ToHaveTextAsync($"Chat of +{own}");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_chat_scrolls_to_its_newest_message()
    {
        var phone = UniqueData.Phone("43676");
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) SELECT 1, id, $1 FROM auth.users WHERE email = $2", phone, RunningHost.DispatcherEmail);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("WhatsApp simulator", "simulator");
        var simulator = new SimulatorPage(session.Page);

        await simulator.SendAsync("+" + phone, "hilfe 1");
        for (var i = 2; i <= 6; i++) await simulator.SendAgainAsync($"hilfe {i}");

        // Six questions and six long answers overflow the chat: it shows the newest, the first scrolled away.
        await Assertions.Expect(simulator.SentBubbles.Filter(new() { HasText = "hilfe 6" })).ToBeInViewportAsync();
        await Assertions.Expect(simulator.ReceivedBubbles.Last).ToBeInViewportAsync();
        await Assertions.Expect(simulator.SentBubbles.Filter(new() { HasText = "hilfe 1" })).Not.ToBeInViewportAsync();
        (await simulator.Chat.EvaluateAsync<bool>("c => c.scrollHeight > c.clientHeight")).ShouldBeTrue();
        await ConsoleFixture.ScreenshotAsync(session.Page, "simulator-chat-newest");
        session.Errors.ShouldBeEmpty();
    }
}
