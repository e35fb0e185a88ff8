using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The audit trail through its test ids: filters (applied on Enter, kept in the URL), sentences, paging.</summary>
public sealed class AuditPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("audit-grid");

    public ILocator Rows => Grid.Locator("tbody tr");

    public ILocator Ids => Grid.GetByTestId("audit-id");

    public ILocator Types => Grid.GetByTestId("audit-type-cell");

    public ILocator Sentences => Grid.GetByTestId("audit-sentence");

    public ILocator Times => Grid.GetByTestId("audit-when");

    public ILocator Summary => page.GetByTestId("audit-grid-pager-summary");

    public ILocator Pager => page.GetByTestId("audit-grid-pager");

    public Task NextPageAsync() => Pager.GetByRole(AriaRole.Button, new() { Name = "Next page", Exact = true }).ClickAsync();

    public ILocator SearchBox => page.GetByTestId("audit-search");

    public ILocator DraftField => page.GetByTestId("audit-draft");

    public ILocator FromField => page.GetByTestId("audit-from");

    public ILocator UntilField => page.GetByTestId("audit-until");

    public ILocator Filters => page.GetByTestId("audit-filters");

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
    }

    public async Task FilterByDraftAsync(Guid draftId)
    {
        await DraftField.FillAsync(draftId.ToString());
        await DraftField.PressAsync("Enter");
    }

    public async Task FilterByTypeAsync(string type)
    {
        await page.GetByTestId("audit-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = type, Exact = true }).ClickAsync();
    }
}
