using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class SystemPage(IPage page)
{
    public ILocator StatusBadges => page.GetByTestId("integrity-grid").GetByTestId("integrity-status");

    public Task RunAgainAsync() => page.GetByTestId("run-integrity").ClickAsync();

    public ILocator MetricRows(string series) => page.Locator($"[data-testid='metric-row'][data-metric='{series}']");

    public ILocator RetentionCard => page.GetByTestId("retention-card");

    public ILocator ConfigurationCard => page.GetByTestId("configuration-card");

    public ILocator RetentionLastRun => page.GetByTestId("retention-last-run");

    public ILocator RetentionLastCounts => page.GetByTestId("retention-last-counts");

    public ILocator RetentionSchedule => page.GetByTestId("retention-schedule");

    public async Task RunRetentionAsync()
    {
        await page.GetByTestId("run-retention").ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Run retention");
    }

    public ILocator ConfigurationValue(string key) =>
        page.Locator($"[data-testid='configuration-row'][data-key='{key}']").GetByTestId("configuration-value");
}
