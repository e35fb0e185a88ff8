using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.AdminConsole;

[Collection(ConsoleCollection.Name)]
public sealed class AuditAndDashboardTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_audit_page_pages_through_events_on_the_server_and_filters_by_type_and_draft()
    {
        // 120 events of one type, one second apart, the newest first in the grid.
        await fixture.Host.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at)
            SELECT 1, 'NOTIFY_SEND_OK', jsonb_build_object('e2e_sequence', g), now() - g * interval '1 second'
            FROM generate_series(1, 120) AS g
            """);
        using var dispatcher = await fixture.DispatcherApiAsync();
        var draftId = await dispatcher.CreateTicketDraftAsync("Audit probe W-1");

        var (context, page, errors) = await fixture.SignedInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await using var _ = context;
        await new ConsoleShell(page).NavigateAsync("Audit");
        await page.WaitForURLAsync("**/audit");
        var audit = new AuditPage(page);
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(25);
        await ConsoleFixture.ScreenshotAsync(page, "audit-all");

        await page.GotoAsync("audit?type=NOTIFY_SEND_OK");
        await new ConsoleShell(page).WaitUntilLiveAsync();
        // Other tests on this host send notifications too: the 120 inserted here are the least there are.
        var sendEvents = await fixture.Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = 1 AND event_type = 'NOTIFY_SEND_OK'");
        sendEvents.ShouldBeGreaterThanOrEqualTo(120L);
        var pages = (sendEvents + 24) / 25;
        await Assertions.Expect(audit.Summary).ToContainTextAsync($"({sendEvents} events)");
        await Assertions.Expect(audit.Summary).ToContainTextAsync($"Page 1 of {pages}");
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(25);
        (await audit.Types.AllInnerTextsAsync()).ShouldAllBe(type => type == "NOTIFY_SEND_OK");
        var firstPage = await audit.Ids.AllInnerTextsAsync();
        var firstTimes = await audit.Times.AllInnerTextsAsync();
        firstTimes.ShouldBe(firstTimes.OrderDescending(StringComparer.Ordinal).ToList());

        await audit.NextPageAsync();
        await Assertions.Expect(audit.Summary).ToContainTextAsync($"Page 2 of {pages}");
        await Assertions.Expect(audit.Ids.First).Not.ToHaveTextAsync(firstPage[0]);
        var secondPage = await audit.Ids.AllInnerTextsAsync();
        secondPage.Count.ShouldBe(25);
        secondPage.Intersect(firstPage).ShouldBeEmpty();
        var secondTimes = await audit.Times.AllInnerTextsAsync();
        string.CompareOrdinal(secondTimes[0], firstTimes[^1]).ShouldBeLessThanOrEqualTo(0, "page 2 continues where page 1 ended");
        await ConsoleFixture.ScreenshotAsync(page, "audit-type-page-2");

        await page.GotoAsync("audit");
        await new ConsoleShell(page).WaitUntilLiveAsync();
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(25);
        await audit.FilterByDraftAsync(draftId);
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Types).ToHaveTextAsync(["DRAFT_CREATED"]);

        // A wrong id is named at its field and changes nothing.
        await audit.DraftField.FillAsync("not-a-uuid");
        await audit.DraftField.PressAsync("Enter");
        await Assertions.Expect(audit.Filters).ToContainTextAsync("A draft id looks like");
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(1);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dispatcher_sees_drafts_and_tickets_but_not_the_audit_trail()
    {
        var (context, page, _) = await fixture.SignedInAsync(RunningHost.DispatcherEmail, RunningHost.DispatcherPassword);
        await using var __ = context;
        var items = await new ConsoleShell(page).NavItems.AllInnerTextsAsync();
        items.ShouldContain("Drafts");
        items.ShouldContain("Tickets");
        items.ShouldNotContain("Audit");

        await page.GotoAsync("audit");
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "audit-denied-dispatcher");
    }

    [Fact]
    public async Task The_dashboard_counts_a_new_draft_live_and_tells_its_event_as_a_sentence_with_names()
    {
        var (context, page, errors) = await fixture.SignedInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await using var _ = context;
        var dashboard = new DashboardPage(page);
        await Assertions.Expect(dashboard.LiveIndicator).ToHaveAttributeAsync("data-live", "true");
        var pending = dashboard.Tile("Pending drafts");
        await Assertions.Expect(pending).ToBeVisibleAsync();

        using var dispatcher = await fixture.DispatcherApiAsync();
        var title = UniqueData.Text("Dashboard probe W-2");
        var draftId = await dispatcher.CreateTicketDraftAsync(title);

        // Faster than the 15 s refresh: the change feed brings it. The page and the database agree.
        await ConsoleSessions.EventuallyAsync(async () =>
        {
            var shown = int.Parse((await pending.InnerTextAsync()).Trim());
            var stored = await fixture.Host.Database.ScalarAsync<long>(
                "SELECT count(*) FROM ops.drafts WHERE tenant_id = 1 AND status = 'PENDING_CONFIRM' AND expires_at > now()");
            return shown == stored;
        }, "the pending-drafts tile shows the database's count", timeoutMs: 8_000);
        await Assertions.Expect(dashboard.Attention("pending")).ToHaveAttributeAsync("data-alert", "true");
        // A sentence with the dispatcher's name and the ticket's title, never the draft's id or JSON.
        var line = dashboard.EventLines.Filter(new() { HasText = title });
        await Assertions.Expect(line).ToContainTextAsync($"{RunningHost.DispatcherName} asked: the ticket “{title}”", new() { Timeout = 8_000 });
        await Assertions.Expect(dashboard.LatestEvents).Not.ToContainTextAsync(draftId.ToString());
        await Assertions.Expect(dashboard.LatestEvents).Not.ToContainTextAsync("{\"");
        await Assertions.Expect(line.Locator("time")).ToContainTextAsync("Vienna");
        await Assertions.Expect(dashboard.TrafficChart).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "dashboard-live");
        errors.ShouldBeEmpty();
    }
}
