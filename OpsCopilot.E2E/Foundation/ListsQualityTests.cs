using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Foundation;

/// <summary>
/// Tickets, Audit, Conversations and Notifications on MudBlazor: accessible (axe) and never wider than the screen as
/// admin and as dispatcher at 1280 and 390 px, photographed; every filter, search and page number in the URL (the back
/// button and a shared link show the same list); search finds plates, phones, names and text; the Audit date filter
/// applies on Enter; Back in a dialog keeps the list's filter; a phone shows the ticket's whole title and status.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ListsQualityTests(ConsoleFixture fixture)
{
    private static readonly TimeZoneInfo Vienna = TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna");

    private RunningHost Host => fixture.Host;

    /// <summary>What the pages show: a ticket with a long title in progress, a conversation, a failed message, events.</summary>
    private async Task<(string Tag, Guid ThreadId)> SeedAsync()
    {
        var tag = UniqueData.Text("Kühlaggregat");
        using var dispatcher = await fixture.DispatcherApiAsync();
        var draftId = await dispatcher.CreateTicketDraftAsync($"{tag}: Kühlung des Aufliegers fällt nach 20 Minuten aus, Ware muss umgeladen werden");
        var number = await dispatcher.ConfirmAsync(draftId);
        await Host.Database.ExecuteAsync("UPDATE ops.tickets SET status = 'IN_PROGRESS' WHERE tenant_id = 1 AND ticket_number = $1", number);
        var phone = UniqueData.Phone("43699");
        var threadId = await Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at, state) VALUES (1, $1, now(), '{\"step\": \"awaiting_confirm\"}') RETURNING id", phone);
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload) VALUES
                (1, $1, 'MESSAGE_IN', jsonb_build_object('body', $2::text, 'message_id', 'wamid.quality-' || $3::text))
            """, threadId, $"{tag} LKW W-3310 bleibt stehen", UniqueData.Next().ToString(CultureInfo.InvariantCulture));
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, template_name, template_params, status, retry_count, last_error)
            VALUES (1, $1, 'TEMPLATE', 'shift_reminder_v1', '{"driver_name": "Max"}', 'dead', 5, 'gateway 503: upstream timeout (gave up after 5 attempts)')
            """, UniqueData.Phone("43676"));
        return (tag, threadId);
    }

    [Theory]
    [InlineData("admin", 1280, 860)]
    [InlineData("admin", 390, 844)]
    [InlineData("dispatcher", 1280, 860)]
    [InlineData("dispatcher", 390, 844)]
    public async Task The_list_pages_are_accessible_fit_the_width_and_are_photographed(string who, int width, int height)
    {
        var (tag, threadId) = await SeedAsync();
        var search = Uri.EscapeDataString(tag);
        (string Path, string Name)[] pages = who == "admin"
            ?
            [
                ("tickets", "tickets"), ($"tickets?search={search}", "tickets-search"), ("audit", "audit"), ($"audit?q={search}", "audit-search"),
                ("conversations", "conversations"), ($"conversations?thread={threadId}", "conversations-thread"),
                ("notifications", "notifications"), ("notifications?status=dead", "notifications-dead"),
            ]
            : [("tickets", "tickets"), ($"tickets?search={search}", "tickets-search"), ("audit", "audit-no-access"),
               ("conversations", "conversations-no-access"), ("notifications", "notifications-no-access")];
        await using var session = await SignedIn.AsRoleAsync(fixture, who, width, height);

        foreach (var (path, name) in pages)
        {
            await session.GoToAsync(path);
            await Assertions.Expect(session.Page.Locator("h1")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
            if (name.EndsWith("-search", StringComparison.Ordinal))
                await Assertions.Expect(session.Page.GetByText(tag).First).ToBeVisibleAsync();
            await ConsoleQuality.ShouldPassPageChecksAsync(session.Page, $"/{path} as {who} at {width} px", $"lists-{name}-{who}-{width}");
        }
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task On_a_phone_a_tickets_title_is_readable_and_its_status_chip_whole()
    {
        var (tag, _) = await SeedAsync();
        await using var session = await SignedIn.DispatcherAsync(fixture, 390, 844);
        await session.GoToAsync($"tickets?search={Uri.EscapeDataString(tag)}");
        var tickets = new TicketsPage(session.Page);
        var row = tickets.Rows.Filter(new() { HasText = tag });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        var title = row.GetByTestId("ticket-title");
        var box = (await title.BoundingBoxAsync()).ShouldNotBeNull();
        box.Width.ShouldBeGreaterThan(150, "the title gets a real column (it was 0 px wide)");
        var titleFits = await title.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1");
        titleFits.ShouldBeTrue("the whole title shows, wrapped");
        (await title.InnerTextAsync()).ShouldContain("Ware muss umgeladen werden");

        var chip = row.GetByTestId("ticket-status");
        await Assertions.Expect(chip).ToHaveTextAsync("IN_PROGRESS");
        (await chip.EvaluateAsync<bool>("e => [e, ...e.querySelectorAll('*')].every(x => x.scrollWidth <= x.clientWidth + 1)"))
            .ShouldBeTrue("no part of the chip cuts IN_PROGRESS short");
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(session.Page);
        await ConsoleFixture.ScreenshotAsync(session.Page, "lists-tickets-phone-card");
        session.Errors.ShouldBeEmpty();
    }

    /// <summary>Tickets of tenant 1 with the tag in their title, numbered as the product numbers them.</summary>
    private Task TicketsAsync(string tag, int count, string status) =>
        Host.Database.ExecuteAsync($"""
            DO $$
            BEGIN
                PERFORM set_config('app.tenant_id', '1', true);
                INSERT INTO ops.tickets (tenant_id, ticket_number, title, vehicle_plate, status)
                SELECT 1, ops.next_ticket_number(), '{tag} ' || g, 'W-' || (100 + g), '{status}' FROM generate_series(1, {count}) AS g;
            END $$
            """);

    [Fact]
    public async Task Tickets_keep_search_status_and_page_in_the_url_through_the_back_button_a_shared_link_and_a_dialogs_Back()
    {
        var tag = UniqueData.Text("Seitenprobe");
        await TicketsAsync(tag, 20, "OPEN");
        await TicketsAsync(tag, 10, "IN_PROGRESS");
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Tickets", "tickets");
        var tickets = new TicketsPage(session.Page);
        var page = session.Page;

        await tickets.SearchAsync(tag);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"tickets\\?search={Regex.Escape(Uri.EscapeDataString(tag))}$"));
        await Assertions.Expect(tickets.Summary).ToHaveTextAsync("Page 1 of 2 (30 tickets)");
        await Assertions.Expect(tickets.Rows).ToHaveCountAsync(25);

        await page.GetByTestId("tickets-grid-pager").GetByRole(AriaRole.Button, new() { Name = "Next page", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]page=2"));
        await Assertions.Expect(tickets.Summary).ToHaveTextAsync("Page 2 of 2 (30 tickets)");
        await Assertions.Expect(tickets.Rows).ToHaveCountAsync(5);

        await tickets.FilterStatusAsync("IN_PROGRESS");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]status=IN_PROGRESS"));
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("[?&]page="));
        await Assertions.Expect(tickets.Summary).ToHaveTextAsync("Page 1 of 1 (10 tickets)");
        var filteredUrl = page.Url;

        // Back in the status dialog changes nothing: the ticket, the filter and the rows stay.
        var first = tickets.Rows.First;
        var number = int.Parse((await first.GetByTestId("ticket-number").GetAttributeAsync("data-ticket-number"))!, CultureInfo.InvariantCulture);
        await tickets.PickStatusAsync(tickets.Row(number), "RESOLVED");
        await Assertions.Expect(new ActionDialog(page).Consequence).ToHaveTextAsync($"Change ticket #{number} from IN_PROGRESS to RESOLVED?");
        await new ActionDialog(page).KeepAsync();
        page.Url.ShouldBe(filteredUrl);
        await Assertions.Expect(tickets.Summary).ToHaveTextAsync("Page 1 of 1 (10 tickets)");
        await Assertions.Expect(tickets.SearchBox).ToHaveValueAsync(tag);
        (await Host.Database.ScalarAsync<string>("SELECT status FROM ops.tickets WHERE tenant_id = 1 AND ticket_number = $1", number)).ShouldBe("IN_PROGRESS");
        await ConsoleFixture.ScreenshotAsync(page, "lists-tickets-filtered");

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]page=2"));
        await Assertions.Expect(tickets.Summary).ToHaveTextAsync("Page 2 of 2 (30 tickets)");
        await Assertions.Expect(tickets.Rows).ToHaveCountAsync(5);
        await page.GoBackAsync();
        await Assertions.Expect(tickets.Summary).ToHaveTextAsync("Page 1 of 2 (30 tickets)");
        await Assertions.Expect(tickets.SearchBox).ToHaveValueAsync(tag);

        // The filtered list's address, opened by someone else, shows the same tickets.
        await using var colleague = await SignedIn.DispatcherAsync(fixture);
        await colleague.GoToAsync(filteredUrl);
        var shared = new TicketsPage(colleague.Page);
        await Assertions.Expect(shared.Summary).ToHaveTextAsync("Page 1 of 1 (10 tickets)");
        await Assertions.Expect(shared.Rows.GetByTestId("ticket-status").Filter(new() { HasNotText = "IN_PROGRESS" })).ToHaveCountAsync(0);
        await Assertions.Expect(shared.SearchBox).ToHaveValueAsync(tag);
        session.Errors.ShouldBeEmpty();
        colleague.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Tickets_are_found_by_plate_and_by_the_name_of_who_asked()
    {
        var tag = UniqueData.Text("Suchprobe");
        var plate = UniqueData.Plate();
        await TicketsAsync(tag, 2, "OPEN");
        using var dispatcher = await fixture.DispatcherApiAsync();
        var asked = await dispatcher.ConfirmAsync(await dispatcher.CreateTicketDraftAsync($"{tag} Spiegel kaputt"));
        await Host.Database.ExecuteAsync("UPDATE ops.tickets SET vehicle_plate = $1 WHERE tenant_id = 1 AND ticket_number = $2", plate, asked);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.GoToAsync("tickets");
        var tickets = new TicketsPage(session.Page);

        await tickets.SearchAsync(plate);
        await Assertions.Expect(tickets.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(tickets.Row(asked).GetByTestId("ticket-requester")).ToContainTextAsync(RunningHost.DispatcherName);

        // The dispatcher's name finds their tickets, among them this one; the two made without a requester do not match.
        await tickets.SearchAsync(RunningHost.DispatcherName);
        await Assertions.Expect(tickets.Row(asked)).ToHaveCountAsync(1);
        await Assertions.Expect(tickets.Rows.Filter(new() { HasText = $"{tag} 1" })).ToHaveCountAsync(0);
        session.Errors.ShouldBeEmpty();
    }

    private static string ViennaLocal(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Vienna).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_audit_trail_searches_filters_by_type_and_applies_a_date_on_Enter_all_kept_in_the_url()
    {
        var tag = UniqueData.Text("Auditprobe");
        var threadId = await Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at) VALUES (1, $1, now()) RETURNING id", UniqueData.Phone("43699"));
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at) VALUES
                (1, $1, 'MESSAGE_IN', jsonb_build_object('body', $2 || ' eins'), now() - interval '3 hours'),
                (1, $1, 'MESSAGE_IN', jsonb_build_object('body', $2 || ' zwei'), now() - interval '2 hours'),
                (1, $1, 'MESSAGE_IN', jsonb_build_object('body', $2 || ' drei'), now() - interval '10 minutes'),
                (1, $1, 'MESSAGE_OUT', jsonb_build_object('reply', $2 || ' erhalten'), now() - interval '9 minutes')
            """, threadId, tag);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Audit", "audit");
        var audit = new AuditPage(session.Page);
        var page = session.Page;

        await audit.SearchAsync(tag);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("audit\\?q="));
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(4);
        // Sentences with the words, not JSON; times in the office's zone, named.
        await Assertions.Expect(audit.Sentences.First).ToHaveTextAsync(new Regex($"^Ops Copilot replied to .*: “{Regex.Escape(tag)} erhalten”$"));
        await Assertions.Expect(audit.Sentences.Nth(1)).ToContainTextAsync($"wrote “{tag} drei”");
        await Assertions.Expect(audit.Sentences.Filter(new() { HasText = "{\"" })).ToHaveCountAsync(0);
        await Assertions.Expect(audit.Times.First).ToContainTextAsync("Vienna");

        await audit.FilterByTypeAsync("MESSAGE_IN");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]type=MESSAGE_IN"));
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(3);

        // A typed date does nothing until Enter.
        var from = ViennaLocal(DateTimeOffset.UtcNow.AddHours(-1));
        await audit.FromField.FillAsync(from);
        await audit.FromField.BlurAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("[?&]from="));
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(3);
        await audit.FromField.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"[?&]from={Regex.Escape(Uri.EscapeDataString(from))}"));
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Sentences).ToContainTextAsync([$"“{tag} drei”"]);
        var filteredUrl = page.Url;
        await ConsoleFixture.ScreenshotAsync(page, "lists-audit-filtered");

        // 'Until' before 'From' is said at the field; nothing is applied.
        await audit.UntilField.FillAsync(ViennaLocal(DateTimeOffset.UtcNow.AddHours(-2)));
        await audit.UntilField.PressAsync("Enter");
        await Assertions.Expect(audit.Filters).ToContainTextAsync("'Until' must be after 'From'.");
        page.Url.ShouldBe(filteredUrl);

        await page.GoBackAsync();
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(3);
        await Assertions.Expect(audit.FromField).ToHaveValueAsync("");
        await page.GoBackAsync();
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(4);
        await Assertions.Expect(audit.SearchBox).ToHaveValueAsync(tag);

        await using var colleague = await SignedIn.AdminAsync(fixture);
        await colleague.GoToAsync(filteredUrl);
        var shared = new AuditPage(colleague.Page);
        await Assertions.Expect(shared.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(shared.FromField).ToHaveValueAsync(from);
        session.Errors.ShouldBeEmpty();
        colleague.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Conversations_are_searched_by_name_phone_and_text_and_the_open_thread_lives_in_the_url()
    {
        var tag = UniqueData.Text("Gesprächsprobe");
        var driverPhone = UniqueData.Phone("43664");
        var driverName = UniqueData.Text("Jürgen Müller");
        await Host.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES (1, $1, $2)", driverName, driverPhone);
        var driverThread = await Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at) VALUES (1, $1, now() - interval '1 hour') RETURNING id", driverPhone);
        var otherThread = await Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at) VALUES (1, $1, now()) RETURNING id", UniqueData.Phone("43699"));
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload) VALUES (1, $1, 'MESSAGE_IN', jsonb_build_object('body', $2::text))
            """, otherThread, $"{tag}: Rampe 4 ist blockiert");
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Conversations", "conversations");
        var conversations = new ConversationsPage(session.Page);
        var page = session.Page;

        await conversations.SearchAsync(tag);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("conversations\\?q="));
        await Assertions.Expect(conversations.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(conversations.Thread(otherThread)).ToHaveCountAsync(1);

        await conversations.SearchAsync(driverName);
        await Assertions.Expect(conversations.Rows).ToHaveCountAsync(1);
        var sender = conversations.Thread(driverThread).GetByTestId("thread-sender");
        await Assertions.Expect(sender).ToContainTextAsync(driverName);
        await Assertions.Expect(sender).ToContainTextAsync(UniqueData.Masked(driverPhone));
        await conversations.SelectAsync(driverThread);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"[?&]thread={driverThread}"));
        var openUrl = page.Url;

        // The number as a dispatcher writes it finds the same conversation.
        await conversations.SearchAsync("+" + driverPhone[..2] + " " + driverPhone[2..5] + " " + driverPhone[5..]);
        await Assertions.Expect(conversations.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(conversations.Thread(driverThread)).ToHaveCountAsync(1);
        (await page.ContentAsync()).ShouldNotContain(driverPhone);

        await page.GoBackAsync();
        await Assertions.Expect(conversations.Detail).ToHaveAttributeAsync("data-thread-id", driverThread.ToString());
        await Assertions.Expect(conversations.SearchBox).ToHaveValueAsync(driverName);

        await using var colleague = await SignedIn.AdminAsync(fixture);
        await colleague.GoToAsync(openUrl);
        var shared = new ConversationsPage(colleague.Page);
        await Assertions.Expect(shared.Detail).ToHaveAttributeAsync("data-thread-id", driverThread.ToString());
        await Assertions.Expect(shared.Detail.GetByTestId("thread-title")).ToContainTextAsync(driverName);
        session.Errors.ShouldBeEmpty();
        colleague.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Notifications_keep_status_and_page_in_the_url_and_name_the_template_as_Templates_does()
    {
        var driverName = UniqueData.Text("Eva Huber");
        var driverPhone = UniqueData.Phone("43676");
        await Host.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES (1, $1, $2)", driverName, driverPhone);
        // 30 delivered rows (no other test delivers), the newest sent with the WhatsApp name of the demo template shift_reminder.
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status, created_at)
            SELECT 1, '4367690' || lpad(g::text, 5, '0'), 'TEXT', 'Depot schließt', 'delivered', now() - interval '1 day' - g * interval '1 minute'
            FROM generate_series(1, 30) AS g
            """);
        var named = await Host.Database.ScalarAsync<Guid>("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, template_name, template_params, status)
            VALUES (1, $1, 'TEMPLATE', 'shift_reminder_v1', '{"driver_name": "Eva"}', 'delivered') RETURNING id
            """, driverPhone);
        // And one newer row that is not delivered, so the unfiltered list visibly holds more than the filter (whatever else ran).
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status, created_at)
            VALUES (1, $1, 'TEXT', 'Depot schließt', 'read', now() + interval '1 second')
            """, driverPhone);
        var delivered = await Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = 1 AND status = 'delivered'");
        var pages = (delivered + 24) / 25;
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Notifications", "notifications");
        var outbox = new NotificationsPage(session.Page);
        var page = session.Page;

        await outbox.ShowStatusAsync("delivered");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("notifications\\?status=delivered$"));
        await Assertions.Expect(page.GetByTestId("notifications-grid-pager-summary")).ToHaveTextAsync($"Page 1 of {pages} ({delivered} notifications)");
        var row = outbox.Row(named);
        await Assertions.Expect(row.GetByTestId("notification-message")).ToHaveTextAsync("Template shift_reminder");
        await Assertions.Expect(row.GetByTestId("notification-recipient-cell")).ToContainTextAsync(driverName);
        await Assertions.Expect(row.GetByTestId("notification-recipient-cell")).ToContainTextAsync(UniqueData.Masked(driverPhone));
        await outbox.OpenDetailAsync(named);
        await Assertions.Expect(outbox.Detail(named).GetByTestId("notification-template")).ToHaveTextAsync("shift_reminder");

        await page.GetByTestId("notifications-grid-pager").GetByRole(AriaRole.Button, new() { Name = "Next page", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]page=2"));
        await Assertions.Expect(page.GetByTestId("notifications-grid-pager-summary")).ToHaveTextAsync($"Page 2 of {pages} ({delivered} notifications)");
        var secondPageUrl = page.Url;
        // The summary can change a render before the rows do: read page 2 once page 1's newest row has left it.
        await Assertions.Expect(outbox.Row(named)).ToHaveCountAsync(0);
        var secondPage = await outbox.Rows.GetByTestId("notification-recipient-cell").AllInnerTextsAsync();

        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("notifications-grid-pager-summary")).ToHaveTextAsync($"Page 1 of {pages} ({delivered} notifications)");
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("notifications$"));
        await Assertions.Expect(outbox.Grid.GetByTestId("notification-status").Filter(new() { HasText = "read" }).First).ToBeVisibleAsync();

        await using var colleague = await SignedIn.AdminAsync(fixture);
        await colleague.GoToAsync(secondPageUrl);
        var shared = new NotificationsPage(colleague.Page);
        await Assertions.Expect(colleague.Page.GetByTestId("notifications-grid-pager-summary")).ToHaveTextAsync($"Page 2 of {pages} ({delivered} notifications)");
        await Assertions.Expect(shared.Rows.GetByTestId("notification-recipient-cell")).ToHaveCountAsync(secondPage.Count);
        (await shared.Rows.GetByTestId("notification-recipient-cell").AllInnerTextsAsync()).ShouldBe(secondPage);
        session.Errors.ShouldBeEmpty();
        colleague.Errors.ShouldBeEmpty();
    }
}
