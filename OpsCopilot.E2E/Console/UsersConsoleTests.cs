using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class UsersConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_admin_sees_Identitys_password_rules_then_adds_a_dispatcher_and_makes_them_TenantAdmin()
    {
        var email = $"new-{UniqueData.Next():D5}@demo.local";
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Users", "users");
        var users = new UsersPage(session.Page);
        await Assertions.Expect(users.Row(RunningHost.AdminEmail)).ToBeVisibleAsync();

        // Nothing filled in: each field says what it needs, nothing is sent.
        await session.Page.GetByTestId("add-user").ClickAsync();
        await Assertions.Expect(users.Field("new-user-email")).ToHaveAccessibleDescriptionAsync(new Regex("Enter the user's email address"));
        await Assertions.Expect(users.Field("new-user-password")).ToHaveAccessibleDescriptionAsync(new Regex("Enter an initial password"));

        // Identity's rules, at the password field, in Identity's words (never "password:" or a field name).
        await users.AddAsync(email, "Dispatcher", "short");
        await Assertions.Expect(users.Field("new-user-password")).ToHaveAccessibleDescriptionAsync(new Regex("Passwords must be at least 12 characters\\."));
        await Assertions.Expect(users.Field("new-user-password")).Not.ToHaveAccessibleDescriptionAsync(new Regex("digit"));
        await Assertions.Expect(users.Field("new-user-password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(users.Field("new-user-email")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-users-password-refused");

        await session.Page.GetByTestId("new-user-password").FillAsync("Long-enough-Passw0rd");
        await session.Page.GetByTestId("add-user").ClickAsync();
        await Assertions.Expect(users.Row(email)).ToBeVisibleAsync();
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("User added")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, new ActionDialog(session.Page).Snackbar("User added"));
        await Assertions.Expect(users.Field("new-user-password")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // "Keep Dispatcher" changes nothing: the row shows the stored role again.
        await users.PickRoleAsync(email, "TenantAdmin");
        var dialog = new ActionDialog(session.Page);
        await Assertions.Expect(dialog.Consequence).ToContainTextAsync($"Make {email} a TenantAdmin?");
        await Assertions.Expect(session.Page.GetByTestId("confirm-dialog-keep")).ToHaveTextAsync("Keep Dispatcher");
        await dialog.KeepAsync();
        await Assertions.Expect(users.Row(email).GetByTestId("user-role")).ToHaveTextAsync("Dispatcher");
        (await RoleAsync(email)).ShouldBe("Dispatcher|1");

        await users.ChangeRoleAsync(email, "TenantAdmin");
        await Assertions.Expect(users.Row(email).GetByTestId("user-role")).ToHaveTextAsync("TenantAdmin");
        (await RoleAsync(email)).ShouldBe("TenantAdmin|1");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE tenant_id = 1 AND event_type = 'USER_CHANGED' AND payload->>'email' = $1", email)).ShouldBe(2L, "created, role");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-users");

        // Deactivation says what it does, ends the access and can be undone; nobody is offered to deactivate themselves.
        await Assertions.Expect(users.Row(RunningHost.AdminEmail).GetByTestId("user-yourself")).ToHaveTextAsync("You");
        await Assertions.Expect(users.Row(RunningHost.AdminEmail).GetByTestId("user-deactivate")).ToHaveCountAsync(0);
        await users.Row(email).GetByTestId("user-deactivate").ClickAsync();
        await Assertions.Expect(dialog.Consequence).ToContainTextAsync($"Deactivate {email}? They are signed out everywhere at once");
        await dialog.ConfirmAsync();
        await Assertions.Expect(dialog.Snackbar("User deactivated")).ToBeVisibleAsync();
        await Assertions.Expect(users.Row(email).GetByTestId("user-deactivated")).ToHaveTextAsync("Deactivated");
        (await fixture.Host.Database.ScalarAsync<bool>("SELECT lockout_end > now() FROM auth.users WHERE email = $1", email)).ShouldBeTrue();
        await users.Row(email).GetByTestId("user-reactivate").ClickAsync();
        await dialog.ConfirmAsync();
        await Assertions.Expect(dialog.Snackbar("User reactivated")).ToBeVisibleAsync();
        await Assertions.Expect(users.Row(email).GetByTestId("user-deactivate")).ToBeVisibleAsync();
        await Assertions.Expect(users.Row(email).GetByTestId("user-deactivated")).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<bool>("SELECT lockout_end IS NULL FROM auth.users WHERE email = $1", email)).ShouldBeTrue();

        // The search and the page live in the URL: a link shows the same list.
        await SearchAsync(session.Page, email.Split('@')[0]);
        await Assertions.Expect(users.Grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await session.Page.SetViewportSizeAsync(390, 844);
        await session.GoToAsync(session.Page.Url);
        await Assertions.Expect(users.Row(email)).ToBeVisibleAsync();
        await Assertions.Expect(users.Grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(session.Page);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-users-phone");
        session.Errors.ShouldBeEmpty();
    }

    /// <summary>
    /// Types a search and presses Enter until the address carries it (at most three times). An Enter that follows the
    /// typing within one circuit round trip can reach the page before the box's value (MudTextField applies it
    /// asynchronously) and search for nothing; a person presses Enter again, and so does this.
    /// </summary>
    private static async Task SearchAsync(IPage page, string text)
    {
        var box = page.GetByTestId("user-search");
        await box.FillAsync(text);
        for (var attempt = 1; ; attempt++)
        {
            await box.PressAsync("Enter");
            try
            {
                await page.WaitForURLAsync(new Regex(@"/users\?q="), new() { Timeout = 5_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    private Task<string?> RoleAsync(string email) => fixture.Host.Database.ScalarAsync<string>(
        "SELECT r.name || '|' || u.tenant_id FROM auth.users u JOIN auth.user_roles ur ON ur.user_id = u.id JOIN auth.roles r ON r.id = ur.role_id WHERE u.email = $1",
        email);
}
