using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The layout every console page shares: app bar, the menu drawer, the live-circuit marker. Test ids only.</summary>
public sealed class ConsoleShell(IPage page)
{
    /// <summary>Clicks before the interactive circuit is up would be lost; the layout renders this marker once it is.</summary>
    public Task WaitUntilLiveAsync() =>
        page.Locator("#circuit-live").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Opens a page through the menu (opening the drawer first where it overlays, on a phone).</summary>
    public async Task NavigateAsync(string title)
    {
        await WaitUntilLiveAsync();
        if (await Drawer.GetAttributeAsync("data-open") != "true") await ToggleMenuAsync();
        await Menu.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
    }

    public ILocator Drawer => page.GetByTestId("drawer");

    public ILocator Menu => page.GetByTestId("nav-menu");

    public Task ToggleMenuAsync() => page.GetByTestId("menu-toggle").ClickAsync();

    /// <summary>The menu's entries, as links (the drawer may be closed: their text is there either way).</summary>
    public ILocator NavItems => Menu.GetByRole(AriaRole.Link);

    public ILocator LiveIndicator => page.GetByTestId("live-indicator").First;

    public ILocator ReconnectNotice => page.GetByTestId("reconnect-notice");

    public ILocator PageError => page.GetByTestId("page-error");

    public ILocator Main => page.Locator("main");
}
