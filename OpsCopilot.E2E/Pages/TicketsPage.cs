using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class TicketsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("tickets-grid");

    public ILocator Row(string title) => Grid.Locator("tbody tr").Filter(new() { HasText = title });

    /// <summary>Picks the new status in the row's drop-down and confirms the dialog.</summary>
    public async Task ChangeStatusAsync(ILocator row, string status)
    {
        await row.GetByTestId("ticket-status-change").ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item").GetByText(status, new() { Exact = true }).ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Change");
    }

    public async Task SearchAsync(string text)
    {
        await page.GetByTestId("ticket-search").FillAsync(text);
        await page.GetByTestId("ticket-search").PressAsync("Enter");
    }
}
