using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The outbox page: counts per status, the filtered grid, a row's detail, retry and drain.</summary>
public sealed class NotificationsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("notifications-grid");

    public ILocator DrainButton => page.GetByTestId("drain-failed");

    public ILocator Count(string status) =>
        page.Locator($"[data-testid='status-count'][data-status='{status}'] [data-testid='status-count-value']");

    public Task ShowStatusAsync(string status) => page.Locator($"[data-testid='status-count'][data-status='{status}']").ClickAsync();

    public ILocator Row(Guid id) => Grid.Locator($"tr[data-notification-id='{id}']");

    public ILocator Detail(Guid id) => page.Locator($"[data-testid='notification-detail'][data-notification-id='{id}']");

    /// <summary>Opens the row's detail with the grid's expand toggle.</summary>
    public Task OpenDetailAsync(Guid id) => Row(id).Locator(".rz-row-toggler").ClickAsync();

    public async Task RetryAsync(Guid id)
    {
        await Row(id).GetByTestId("retry-notification").ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Retry");
    }
}
