using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class DraftsPage(IPage page)
{
    public ILocator TabHeaders => page.Locator(".rz-tabview-nav li");

    public Task SelectTabAsync(string name) =>
        page.Locator(".rz-tabview-nav li").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{name}") }).ClickAsync();

    public ILocator PendingList => page.GetByTestId("pending-drafts");

    public ILocator NoPending => page.GetByTestId("no-pending");

    public ILocator PendingCard(string text) => page.GetByTestId("pending-draft").Filter(new() { HasText = text });

    public ILocator StuckCard(Guid draftId) => page.Locator($"[data-testid='stuck-draft'][data-draft-id='{draftId}']");

    public ILocator HistoryRows => page.GetByTestId("history-grid").Locator("tbody tr");

    public async Task FilterHistoryAsync(string status)
    {
        await page.GetByTestId("history-status").ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item").GetByText(status, new() { Exact = true }).ClickAsync();
    }

    public async Task ConfirmAsync(ILocator card)
    {
        await card.GetByTestId("confirm-draft").ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Confirm");
    }

    public async Task ResetAsync(ILocator stuckCard)
    {
        await stuckCard.GetByTestId("reset-draft").ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Reset");
    }

    public async Task MarkFailedAsync(ILocator stuckCard)
    {
        await stuckCard.GetByTestId("fail-draft").ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Mark failed");
    }
}

public sealed class DraftDetailPage(IPage page)
{
    public ILocator Question => page.GetByTestId("draft-question");
    public ILocator Status => page.GetByTestId("draft-status").First;
    public ILocator Payload => page.GetByTestId("draft-payload");
    public ILocator CommitResult => page.GetByTestId("draft-commit-result");
    public ILocator Events => page.GetByTestId("draft-events");
}
