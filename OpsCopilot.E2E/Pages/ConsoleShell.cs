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
        await OpenMenuAsync();
        await Menu.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Makes the menu visible: on a desktop it is open once the layout knows the width; on a phone it starts open in
    /// the first frame and closes as soon as the layout learns the width, so the toggle is pressed only after that.
    /// </summary>
    public async Task OpenMenuAsync()
    {
        await WaitUntilLiveAsync();
        var phone = await page.EvaluateAsync<int>("() => window.innerWidth") < DesktopWidth;
        await Assertions.Expect(Drawer).ToHaveAttributeAsync("data-open", phone ? "false" : "true");
        if (phone) await ToggleMenuAsync();
        await Assertions.Expect(Drawer).ToHaveAttributeAsync("data-open", "true");
    }

    /// <summary>The layout's breakpoint (MudBlazor's Md): from this width on the menu is a permanent sidebar.</summary>
    public const int DesktopWidth = 960;

    public ILocator Drawer => page.GetByTestId("drawer");

    public ILocator Menu => page.GetByTestId("nav-menu");

    public Task ToggleMenuAsync() => page.GetByTestId("menu-toggle").ClickAsync();

    /// <summary>The menu's entries, as links. Closed on a phone, the drawer renders none: use <see cref="NavigationTitlesAsync"/>.</summary>
    public ILocator NavItems => Menu.GetByRole(AriaRole.Link);

    /// <summary>The titles the menu offers, opening it first where it is closed (a phone); every user has the Dashboard.</summary>
    public async Task<IReadOnlyList<string>> NavigationTitlesAsync()
    {
        await OpenMenuAsync();
        await Assertions.Expect(Menu.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        return (await NavItems.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
    }

    public ILocator LiveIndicator => page.GetByTestId("live-indicator").First;

    public ILocator ReconnectNotice => page.GetByTestId("reconnect-notice");

    public ILocator PageError => page.GetByTestId("page-error");

    public ILocator Main => page.Locator("main");
}
