using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class AuditPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("audit-grid");

    public ILocator Rows => Grid.Locator("tbody tr");

    public ILocator Ids => Grid.GetByTestId("audit-id");

    public ILocator Types => Grid.GetByTestId("audit-type-cell");

    public ILocator Times => Grid.GetByTestId("audit-when");

    public ILocator Summary => Grid.Locator(".rz-pager-summary");

    public Task NextPageAsync() => Grid.Locator(".rz-pager-next").ClickAsync();

    public async Task FilterByDraftAsync(Guid draftId)
    {
        await page.GetByTestId("audit-draft").FillAsync(draftId.ToString());
        await page.GetByTestId("audit-draft").PressAsync("Enter");
    }

    public ILocator FilterError => page.GetByTestId("audit-filter-error");
}
