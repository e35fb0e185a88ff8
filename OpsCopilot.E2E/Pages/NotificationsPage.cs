using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The outbox page through its test ids: counts per status (the filter, in the URL), rows, a row's detail, retry and drain.</summary>
public sealed class NotificationsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("notifications-grid");

    public ILocator Rows => Grid.Locator("tbody tr");

    public ILocator DrainButton => page.GetByTestId("drain-failed");

    public ILocator Count(string status) =>
        page.Locator($"[data-testid='status-count'][data-status='{status}'] [data-testid='status-count-value']");

    public Task ShowStatusAsync(string status) => page.Locator($"[data-testid='status-count'][data-status='{status}']").ClickAsync();

    /// <summary>The row of one notification, found by its id (masked numbers may look alike).</summary>
    public ILocator Row(Guid id) => Rows.Filter(new() { Has = page.Locator($"[data-notification-row='{id}']") });

    public ILocator Detail(Guid id) => page.Locator($"[data-testid='notification-detail'][data-notification-id='{id}']");

    /// <summary>Opens the row's detail with its Details button.</summary>
    public Task OpenDetailAsync(Guid id) => Row(id).GetByTestId("toggle-notification-detail").ClickAsync();

    public async Task RetryAsync(Guid id)
    {
        await Row(id).GetByTestId("retry-notification").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }
}
