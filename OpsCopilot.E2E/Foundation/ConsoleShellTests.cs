using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Foundation;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleShellTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_admin_signs_in_and_clicks_through_to_the_system_page_with_six_passing_checks()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;

        await new LoginPage(page).SignInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.NavigateAsync("System");
        await page.WaitForURLAsync("**/system");

        var system = new SystemPage(page);
        await Assertions.Expect(system.StatusBadges).ToHaveCountAsync(6);
        await system.RunAgainAsync();
        await Assertions.Expect(system.StatusBadges).ToHaveCountAsync(6);
        (await system.StatusBadges.AllInnerTextsAsync()).ShouldAllBe(text => text.Trim() == "PASS");
        await ConsoleFixture.ScreenshotAsync(page, "foundation-system-page");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_on_the_login_page()
    {
        var (context, page, _) = await fixture.NewPageAsync();
        await using var __ = context;

        var login = new LoginPage(page);
        await login.SignInAsync(RunningHost.DispatcherEmail, "definitely-wrong");

        await Assertions.Expect(login.Error).ToContainTextAsync("Email or password is wrong.");
        page.Url.ShouldContain("/account/login");
        await ConsoleFixture.ScreenshotAsync(page, "foundation-login-error");
    }

    [Fact]
    public async Task A_dispatcher_sees_no_admin_pages_in_the_navigation_and_is_refused_the_system_page()
    {
        var (context, page, _) = await fixture.NewPageAsync(width: 390, height: 844);
        await using var __ = context;

        await new LoginPage(page).SignInAsync(RunningHost.DispatcherEmail, RunningHost.DispatcherPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.WaitUntilLiveAsync();
        var titles = await shell.NavigationTitlesAsync();
        titles.ShouldContain("Drafts");
        titles.ShouldNotContain("System");

        await page.GotoAsync("system");
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        // Inside the app shell: the menu and the sign-out are still there.
        await Assertions.Expect(page.GetByTestId("menu-toggle")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("sign-out")).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(page, "foundation-dispatcher-denied-phone");
    }

    [Fact]
    public async Task On_a_phone_the_menu_starts_closed_overlays_the_page_when_opened_and_closes_after_choosing_a_page()
    {
        var (context, page, errors) = await fixture.NewPageAsync(width: 390, height: 844);
        await using var _ = context;

        await new LoginPage(page).SignInAsync(RunningHost.DispatcherEmail, RunningHost.DispatcherPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.WaitUntilLiveAsync();
        await Assertions.Expect(shell.Drawer).ToHaveAttributeAsync("data-open", "false");
        await Assertions.Expect(shell.Drawer).Not.ToBeInViewportAsync();
        var mainWidth = (await shell.Main.BoundingBoxAsync())!.Width;

        await shell.ToggleMenuAsync();
        await Assertions.Expect(shell.Drawer).ToHaveAttributeAsync("data-open", "true");
        await Assertions.Expect(shell.Drawer).ToBeInViewportAsync();
        // It lies over the page: the page keeps its width (the old sidebar squeezed it).
        (await shell.Main.BoundingBoxAsync())!.Width.ShouldBe(mainWidth);
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(page);
        await ConsoleFixture.ScreenshotAsync(page, "foundation-phone-menu-open");
        await shell.Menu.GetByRole(AriaRole.Link, new() { Name = "Drafts", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/drafts");

        await Assertions.Expect(shell.Drawer).ToHaveAttributeAsync("data-open", "false");
        await Assertions.Expect(shell.Drawer).Not.ToBeInViewportAsync();
        await ConsoleFixture.ScreenshotAsync(page, "foundation-phone-menu-closed-after-navigation");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task On_a_desktop_the_menu_is_permanent_and_reachable_by_keyboard()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;
        await new LoginPage(page).SignInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.WaitUntilLiveAsync();
        await Assertions.Expect(shell.Drawer).ToHaveAttributeAsync("data-open", "true");
        await Assertions.Expect(shell.Drawer).ToBeInViewportAsync();

        // Tab from the top of the page reaches the menu's links.
        var reached = new List<string>();
        for (var i = 0; i < 40 && !reached.Contains("Drafts"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''"));
        }
        reached.ShouldContain("Drafts");
        // The heading that takes focus after navigation shows no focus box.
        await shell.NavigateAsync("Drafts");
        await page.WaitForURLAsync("**/drafts");
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        (await page.Locator("h1").EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle")).ShouldBe("none");
        errors.ShouldBeEmpty();
    }
}
