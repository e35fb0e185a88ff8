using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class DashboardPage(IPage page)
{
    public ILocator Tile(string title) => page.GetByTestId($"tile-{title}");

    public ILocator LatestEvents => page.GetByTestId("latest-events");

    public ILocator LiveIndicator => page.GetByTestId("live-indicator");
}
