using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class SystemPage(IPage page)
{
    public ILocator StatusBadges => page.GetByTestId("integrity-grid").GetByTestId("integrity-status");

    public Task RunAgainAsync() => page.GetByTestId("run-integrity").ClickAsync();
}
