using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The Tickets page through its test ids: search and status filter (both kept in the URL), rows, status changes.</summary>
public sealed class TicketsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("tickets-grid");

    public ILocator Rows => Grid.Locator("tbody tr");

    public ILocator Summary => page.GetByTestId("tickets-grid-pager-summary");

    /// <summary>The row showing this title (test titles are unique: UniqueData).</summary>
    public ILocator Row(string title) => Rows.Filter(new() { Has = page.GetByTestId("ticket-title").GetByText(title, new() { Exact = true }) });

    public ILocator Row(int ticketNumber) => Rows.Filter(new() { Has = page.Locator($"[data-ticket-number='{ticketNumber}']") });

    public ILocator SearchBox => page.GetByTestId("ticket-search");

    /// <summary>Opens the row's status menu and picks the new status; the confirmation is left open.</summary>
    public async Task PickStatusAsync(ILocator row, string status)
    {
        await row.GetByTestId("ticket-status-change").GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator($"[data-testid='ticket-status-option'][data-status='{status}']").ClickAsync();
    }

    /// <summary>Picks the new status and confirms the dialog.</summary>
    public async Task ChangeStatusAsync(ILocator row, string status)
    {
        await PickStatusAsync(row, status);
        await new ActionDialog(page).ConfirmAsync();
    }

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
    }

    public async Task FilterStatusAsync(string status)
    {
        await page.GetByTestId("ticket-status-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
    }
}
