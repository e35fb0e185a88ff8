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
        (await shell.NavItems.AllInnerTextsAsync()).ShouldNotContain("System");

        await page.GotoAsync("system");
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "foundation-dispatcher-denied-phone");
    }

    [Fact]
    public async Task On_a_phone_the_sidebar_starts_closed_opens_on_the_toggle_and_closes_after_choosing_a_page()
    {
        var (context, page, errors) = await fixture.NewPageAsync(width: 390, height: 844);
        await using var _ = context;

        await new LoginPage(page).SignInAsync(RunningHost.DispatcherEmail, RunningHost.DispatcherPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.WaitUntilLiveAsync();
        await Assertions.Expect(shell.Sidebar).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-sidebar-collapsed"));

        await shell.ToggleSidebarAsync();
        await Assertions.Expect(shell.Sidebar).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-sidebar-collapsed"));
        await ConsoleFixture.ScreenshotAsync(page, "foundation-phone-sidebar-open");
        await shell.NavigateAsync("Drafts");
        await page.WaitForURLAsync("**/drafts");

        await Assertions.Expect(shell.Sidebar).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-sidebar-collapsed"));
        await Assertions.Expect(shell.Sidebar).ToHaveCSSAsync("opacity", "0");
        await ConsoleFixture.ScreenshotAsync(page, "foundation-phone-sidebar-closed-after-navigation");
        errors.ShouldBeEmpty();
    }
}
