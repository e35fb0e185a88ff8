using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class DashboardPage(IPage page)
{
    public ILocator Tile(string title) => page.GetByTestId($"tile-{title}");

    /// <summary>A "needs a person now" tile by key (pending, stuck, failed, codes); data-alert says whether it is raised.</summary>
    public ILocator Attention(string key) => page.GetByTestId($"attention-{key}");

    public ILocator LatestEvents => page.GetByTestId("latest-events");

    public ILocator EventLines => page.GetByTestId("event-line");

    public ILocator TrafficChart => page.GetByTestId("traffic-chart");

    public ILocator LiveIndicator => page.GetByTestId("live-indicator");
}
