using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The paired phones through their test ids: search, status filter, rows by id, revoke.</summary>
public sealed class IdentitiesPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("identities-grid");
    public ILocator Rows => Grid.Locator("tbody tr");
    public ILocator Search => page.GetByTestId("identity-search");
    public ILocator Summary => page.GetByTestId("identities-grid-pager-summary");
    public ILocator Empty => page.GetByTestId("identities-grid-empty");

    /// <summary>The row of one paired phone, by its id: two numbers can share a mask (+436*******91).</summary>
    public ILocator Row(Guid identityId) =>
        Rows.Filter(new() { Has = page.Locator($"[data-testid='identity'][data-identity-id='{identityId}']") });

    /// <summary>Types the search and presses Enter (the URL takes it: ?q=…).</summary>
    public async Task SearchAsync(string text)
    {
        await Search.FillAsync(text);
        await Search.PressAsync("Enter");
    }

    public async Task FilterStatusAsync(string status)
    {
        await page.GetByTestId("identity-status-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
    }

    public async Task AskToRevokeAsync(Guid identityId) => await Row(identityId).GetByTestId("revoke-identity").ClickAsync();

    public async Task RevokeAsync(Guid identityId)
    {
        await AskToRevokeAsync(identityId);
        await new ActionDialog(page).ConfirmAsync();
    }
}
