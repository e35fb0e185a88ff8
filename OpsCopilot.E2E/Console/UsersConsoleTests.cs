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
        var email = $"new-{Guid.NewGuid():N}"[..16] + "@demo.local";
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Users", "users");
        var users = new UsersPage(session.Page);
        await Assertions.Expect(users.Row(RunningHost.AdminEmail)).ToBeVisibleAsync();

        await users.AddAsync(email, "Dispatcher", "short");
        await Assertions.Expect(users.Error).ToContainTextAsync("Passwords must be at least 12 characters.");
        await Assertions.Expect(users.Error).Not.ToContainTextAsync("digit");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-users-password-refused");

        await session.Page.GetByTestId("new-user-password").FillAsync("Long-enough-Passw0rd");
        await session.Page.GetByTestId("add-user").ClickAsync();
        await Assertions.Expect(users.Row(email)).ToBeVisibleAsync();
        await Assertions.Expect(users.Error).ToHaveCountAsync(0);

        await users.ChangeRoleAsync(email, "TenantAdmin");
        await Assertions.Expect(users.Row(email).GetByTestId("user-role")).ToContainTextAsync("TenantAdmin");
        (await fixture.Host.Database.ScalarAsync<string>(
            "SELECT r.name || '|' || u.tenant_id FROM auth.users u JOIN auth.user_roles ur ON ur.user_id = u.id JOIN auth.roles r ON r.id = ur.role_id WHERE u.email = $1", email))
            .ShouldBe("TenantAdmin|1");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE tenant_id = 1 AND event_type = 'USER_CHANGED' AND payload->>'email' = $1", email)).ShouldBe(2L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-users");
        await session.Page.SetViewportSizeAsync(390, 844);
        await session.GoToAsync("users");
        await Assertions.Expect(users.Row(email)).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-users-phone");
        session.Errors.ShouldBeEmpty();
    }
}
