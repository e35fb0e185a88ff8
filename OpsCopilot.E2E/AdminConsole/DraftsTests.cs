using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.AdminConsole;

[Collection(ConsoleCollection.Name)]
public sealed class DraftsTests(ConsoleFixture fixture)
{
    private static string Unique(string text) => UniqueData.Text(text);

    [Fact]
    public async Task A_draft_created_by_a_dispatcher_appears_live_is_confirmed_there_and_its_ticket_shows_on_tickets()
    {
        var (context, page, errors) = await fixture.SignedInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await using var _ = context;
        using var dispatcher = await fixture.DispatcherApiAsync();
        var shell = new ConsoleShell(page);
        await shell.NavigateAsync("Drafts");
        await page.WaitForURLAsync("**/drafts");
        var drafts = new DraftsPage(page);
        await Assertions.Expect(drafts.PendingList.Or(drafts.NoPending)).ToBeVisibleAsync();

        // Another actor creates the draft while the page is open: it arrives through the change feed, no reload.
        var title = Unique("Bremsenproblem LKW W-1234");
        var draftId = await dispatcher.CreateTicketDraftAsync(title);
        var card = drafts.PendingCard(title);
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(card.GetByTestId("draft-expiry")).ToContainTextAsync("expires in 4:");
        await ConsoleFixture.ScreenshotAsync(page, "drafts-pending-live");

        // Who asked and what for, before deciding: the dispatcher's name, the ticket's title.
        await Assertions.Expect(card.GetByTestId("draft-requester")).ToContainTextAsync(RunningHost.DispatcherName);
        await Assertions.Expect(card.GetByTestId("draft-title")).ToHaveTextAsync(title);

        // "Back" in the confirmation keeps everything as it was.
        await card.GetByTestId("confirm-draft").ClickAsync();
        var dialog = new ActionDialog(page);
        await Assertions.Expect(dialog.Consequence).ToHaveTextAsync($"Create ticket: '{title}'? This is executed at once.");
        await dialog.KeepAsync();
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", draftId)).ShouldBe("PENDING_CONFIRM");

        await drafts.ConfirmAsync(card);
        var snackbar = dialog.Snackbar("Draft executed");
        await Assertions.Expect(snackbar).ToBeVisibleAsync();
        var ticketNumber = await fixture.Host.Database.ScalarAsync<int>("SELECT ticket_number FROM ops.tickets WHERE draft_id = $1", draftId);
        ticketNumber.ShouldBeGreaterThan(0);
        await Assertions.Expect(snackbar).ToContainTextAsync($"Ticket #{ticketNumber} created");
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(page, snackbar);
        await Assertions.Expect(card).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", draftId)).ShouldBe("COMMITTED");

        await shell.NavigateAsync("Tickets");
        await page.WaitForURLAsync("**/tickets");
        var tickets = new TicketsPage(page);
        var row = tickets.Row(title);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("ticket-number")).ToHaveTextAsync($"#{ticketNumber}");
        await ConsoleFixture.ScreenshotAsync(page, "tickets-after-confirm");

        // Search narrows the grid on the server; a status change asks first and is audited.
        await tickets.SearchAsync(title.Split(' ')[^1]);
        await Assertions.Expect(tickets.Rows).ToHaveCountAsync(1);
        await tickets.ChangeStatusAsync(row, "IN_PROGRESS");
        await Assertions.Expect(new ActionDialog(page).Snackbar("Status is IN_PROGRESS now")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(page, new ActionDialog(page).Snackbar("Status is IN_PROGRESS now"));
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.tickets WHERE draft_id = $1", draftId)).ShouldBe("IN_PROGRESS");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'TICKET_STATUS_CHANGED' AND (payload->>'ticket_number')::int = $1", ticketNumber)).ShouldBe(1L);

        // The ticket leads back to the draft it came from: payload, result and events.
        await row.GetByTestId("ticket-draft").ClickAsync();
        await page.WaitForURLAsync($"**/drafts/{draftId}");
        var detail = new DraftDetailPage(page);
        await Assertions.Expect(detail.Status).ToHaveTextAsync("COMMITTED");
        await Assertions.Expect(detail.Payload).ToContainTextAsync(title);
        await Assertions.Expect(detail.CommitResult).ToContainTextAsync($"\"ticket_number\": {ticketNumber}");
        await Assertions.Expect(detail.Events).ToContainTextAsync("DRAFT_CREATED");
        await Assertions.Expect(detail.Events).ToContainTextAsync("DRAFT_COMMITTED");
        await ConsoleFixture.ScreenshotAsync(page, "draft-detail-committed");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Stuck_drafts_show_their_evidence_and_one_is_reset_and_another_marked_failed()
    {
        using var dispatcher = await fixture.DispatcherApiAsync();
        // A: the host crashed before executing anything. B: it crashed after the ticket was written.
        var nothingDone = await dispatcher.CreateTicketDraftAsync(Unique("Reifenpanne WN-482AB"));
        var ticketWritten = await dispatcher.CreateTicketDraftAsync(Unique("Spiegel kaputt W-77"));
        var ticketNumber = await dispatcher.ConfirmAsync(ticketWritten);
        await fixture.Host.Database.ExecuteAsync(
            "UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '2 minutes' WHERE id = ANY($1)",
            new[] { nothingDone, ticketWritten });

        var (context, page, errors) = await fixture.SignedInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await using var _ = context;
        await new ConsoleShell(page).NavigateAsync("Drafts");
        var drafts = new DraftsPage(page);
        await drafts.SelectTabAsync("Stuck");

        var first = drafts.StuckCard(nothingDone);
        var second = drafts.StuckCard(ticketWritten);
        await Assertions.Expect(first).ToBeVisibleAsync();
        await Assertions.Expect(first.GetByTestId("evidence-ticket")).ToContainTextAsync("none");
        await Assertions.Expect(first.GetByTestId("evidence-commit-event")).ToContainTextAsync("none");
        await Assertions.Expect(first.GetByTestId("evidence-recommendation")).ToContainTextAsync("Reset: nothing was executed");
        await Assertions.Expect(first.GetByTestId("reset-draft")).ToHaveAttributeAsync("data-recommended", "true");
        await Assertions.Expect(second.GetByTestId("evidence-ticket")).ToContainTextAsync($"#{ticketNumber} exists");
        await Assertions.Expect(second.GetByTestId("evidence-commit-event")).ToContainTextAsync("recorded");
        await Assertions.Expect(second.GetByTestId("evidence-events")).ToContainTextAsync("TICKET_CREATED");
        await Assertions.Expect(second.GetByTestId("evidence-recommendation")).ToContainTextAsync("Mark failed");
        await Assertions.Expect(second.GetByTestId("fail-draft")).ToHaveAttributeAsync("data-recommended", "true");
        await ConsoleFixture.ScreenshotAsync(page, "drafts-stuck-evidence");

        await drafts.ResetAsync(first);
        await Assertions.Expect(new ActionDialog(page).Snackbar("Draft reset")).ToBeVisibleAsync();
        await Assertions.Expect(first).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", nothingDone)).ShouldBe("PENDING_CONFIRM");
        (await fixture.Host.Database.ScalarAsync<string>("SELECT commit_error FROM ops.drafts WHERE id = $1", nothingDone))
            .ShouldBe("Reset from COMMITTING after crash");

        await drafts.MarkFailedAsync(second);
        await Assertions.Expect(new ActionDialog(page).Snackbar("Draft marked failed")).ToBeVisibleAsync();
        await Assertions.Expect(second).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", ticketWritten)).ShouldBe("FAILED");
        (await fixture.Host.Database.ScalarAsync<string>("SELECT commit_error FROM ops.drafts WHERE id = $1", ticketWritten))
            .ShouldBe("Crash during commit - manual verification required");
        foreach (var (id, type) in new[] { (nothingDone, "DRAFT_RESET"), (ticketWritten, "DRAFT_FAILED") })
            (await fixture.Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = $1 AND payload->>'draft_id' = $2",
                type, id.ToString())).ShouldBe(1L);
        await ConsoleFixture.ScreenshotAsync(page, "drafts-stuck-recovered");

        // The reset draft is pending again, on the Pending tab, ready to be confirmed.
        await drafts.SelectTabAsync("Pending");
        await Assertions.Expect(page.Locator($"[data-testid='pending-draft'][data-draft-id='{nothingDone}']")).ToBeVisibleAsync();

        // History, filtered to FAILED on the server, holds the other one; the filter lives in the URL.
        await drafts.SelectTabUntilAddressedAsync("History", "**/drafts?tab=history");
        await drafts.FilterHistoryAsync("FAILED");
        await page.WaitForURLAsync("**/drafts?tab=history&status=FAILED");
        await Assertions.Expect(drafts.HistoryRows.GetByTestId("draft-status").Filter(new() { HasNotText = "FAILED" })).ToHaveCountAsync(0);
        await Assertions.Expect(drafts.HistoryRows.Filter(new() { HasText = "Spiegel kaputt W-77" })).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(page, "drafts-history-failed");

        // The back button undoes the filter; a shared link opens the same filtered list in a new tab.
        await page.GoBackAsync();
        await page.WaitForURLAsync("**/drafts?tab=history");
        await Assertions.Expect(drafts.HistoryRows.GetByTestId("draft-status").Filter(new() { HasNotText = "FAILED" }).First).ToBeVisibleAsync();
        var shared = await page.Context.NewPageAsync();
        await shared.GotoAsync("drafts?tab=history&status=FAILED");
        await new ConsoleShell(shared).WaitUntilLiveAsync();
        var sharedDrafts = new DraftsPage(shared);
        await Assertions.Expect(sharedDrafts.HistoryRows.Filter(new() { HasText = "Spiegel kaputt W-77" })).ToHaveCountAsync(1);
        await Assertions.Expect(sharedDrafts.HistoryRows.GetByTestId("draft-status").Filter(new() { HasNotText = "FAILED" })).ToHaveCountAsync(0);
        await shared.CloseAsync();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dispatcher_on_a_phone_sees_pending_drafts_to_decide_but_no_stuck_recovery()
    {
        using var dispatcher = await fixture.DispatcherApiAsync();
        var title = Unique("Hydraulik undicht W-5521");
        await dispatcher.CreateTicketDraftAsync(title);

        var (context, page, errors) = await fixture.SignedInAsync(RunningHost.DispatcherEmail, RunningHost.DispatcherPassword, width: 390, height: 844);
        await using var _ = context;
        await page.GotoAsync("drafts");
        await new ConsoleShell(page).WaitUntilLiveAsync();
        var drafts = new DraftsPage(page);
        var card = drafts.PendingCard(title);
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("confirm-draft")).ToBeVisibleAsync();
        (await drafts.TabHeaders.AllInnerTextsAsync()).ShouldNotContain(text => text.Contains("Stuck", StringComparison.Ordinal));
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(page);
        await ConsoleFixture.ScreenshotAsync(page, "drafts-phone-dispatcher");

        await drafts.CancelAsync(card);
        await Assertions.Expect(new ActionDialog(page).Snackbar("Draft cancelled")).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
        errors.ShouldBeEmpty();
    }
}
