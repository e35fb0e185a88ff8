using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class DraftsPage(IPage page)
{
    public ILocator TabHeaders => page.GetByTestId("draft-tabs").GetByRole(AriaRole.Tab);

    public Task SelectTabAsync(string name) =>
        page.GetByTestId("draft-tabs").GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^\\s*{name}") }).ClickAsync();

    /// <summary>
    /// Selects the tab and waits until the address names it, clicking again (at most three times) if it did not: a
    /// click that lands while a live reload re-renders the tabs can reach the page for the handler just replaced.
    /// </summary>
    public async Task SelectTabUntilAddressedAsync(string name, string urlGlob)
    {
        for (var attempt = 1; ; attempt++)
        {
            await SelectTabAsync(name);
            try
            {
                await page.WaitForURLAsync(urlGlob, new() { Timeout = 5_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    public ILocator PendingList => page.GetByTestId("pending-drafts");

    public ILocator NoPending => page.GetByTestId("no-pending");

    public ILocator NoStuck => page.GetByTestId("no-stuck");

    public ILocator PendingCard(string text) => page.GetByTestId("pending-draft").Filter(new() { HasText = text });

    public ILocator PendingCard(Guid draftId) => page.Locator($"[data-testid='pending-draft'][data-draft-id='{draftId}']");

    public ILocator StuckCard(Guid draftId) => page.Locator($"[data-testid='stuck-draft'][data-draft-id='{draftId}']");

    public ILocator HistoryRows => page.GetByTestId("history-grid").Locator("tbody tr");

    public ILocator HistorySummary => page.GetByTestId("history-grid-pager-summary");

    public async Task FilterHistoryAsync(string status)
    {
        await page.GetByTestId("history-status").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
    }

    public async Task ConfirmAsync(ILocator card)
    {
        await card.GetByTestId("confirm-draft").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }

    public async Task CancelAsync(ILocator card)
    {
        await card.GetByTestId("cancel-draft").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }

    public async Task ResetAsync(ILocator stuckCard)
    {
        await stuckCard.GetByTestId("reset-draft").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }

    public async Task MarkFailedAsync(ILocator stuckCard)
    {
        await stuckCard.GetByTestId("fail-draft").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }
}

public sealed class DraftDetailPage(IPage page)
{
    public ILocator Question => page.Locator("h1");
    public ILocator Status => page.GetByTestId("draft-status").First;
    public ILocator Payload => page.GetByTestId("draft-payload");
    public ILocator CommitResult => page.GetByTestId("draft-commit-result");
    public ILocator Events => page.GetByTestId("draft-events");
    public ILocator Requester => page.GetByTestId("draft-requester").First;
}
