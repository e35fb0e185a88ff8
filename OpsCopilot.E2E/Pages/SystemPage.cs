using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The System page's cards through test ids: integrity checks, metrics, retention, configuration.</summary>
public sealed class SystemPage(IPage page)
{
    public ILocator StatusBadges => page.GetByTestId("integrity-grid").GetByTestId("integrity-status");

    public Task RunAgainAsync() => page.GetByTestId("run-integrity").ClickAsync();

    public ILocator MetricRows(string series) =>
        page.GetByTestId("metrics-table").Locator("tbody tr").Filter(new() { Has = page.Locator($"[data-testid='metric-row'][data-metric='{series}']") });

    public ILocator RetentionCard => page.GetByTestId("retention-card");

    public ILocator ConfigurationCard => page.GetByTestId("configuration-card");

    public ILocator RetentionLastRun => page.GetByTestId("retention-last-run");

    public ILocator RetentionLastCounts => page.GetByTestId("retention-last-counts");

    public ILocator RetentionSchedule => page.GetByTestId("retention-schedule");

    public ILocator RetentionProgress => page.GetByTestId("retention-progress");

    public async Task RunRetentionAsync()
    {
        await page.GetByTestId("run-retention").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }

    public ILocator ConfigurationValue(string key) =>
        page.GetByTestId("configuration-table").Locator("tbody tr")
            .Filter(new() { Has = page.Locator($"[data-testid='configuration-row'][data-key='{key}']") }).GetByTestId("configuration-value");
}
