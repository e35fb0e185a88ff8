using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The layout every console page shares: navigation and the live-circuit marker.</summary>
public sealed class ConsoleShell(IPage page)
{
    /// <summary>Clicks before the interactive circuit is up would be lost; the layout renders this marker once it is.</summary>
    public Task WaitUntilLiveAsync() =>
        page.Locator("#circuit-live").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    public async Task NavigateAsync(string title)
    {
        await WaitUntilLiveAsync();
        await page.Locator(".rz-panel-menu").GetByText(title, new() { Exact = true }).ClickAsync();
    }

    public ILocator Sidebar => page.Locator(".rz-sidebar");

    public Task ToggleSidebarAsync() => page.Locator(".rz-sidebar-toggle").ClickAsync();

    public ILocator NavItems => page.Locator(".rz-panel-menu .rz-navigation-item-text");
}
