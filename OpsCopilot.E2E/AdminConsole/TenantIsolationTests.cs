using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.AdminConsole;

[Collection(ConsoleCollection.Name)]
public sealed class TenantIsolationTests(ConsoleFixture fixture)
{
    private static readonly string[] Pages = ["", "drafts", "tickets", "drivers", "templates", "identities", "notifications", "conversations", "audit"];

    [Fact]
    public async Task The_admin_of_another_tenant_sees_none_of_tenant_1s_data_on_any_page()
    {
        // Tenant 1 (the demo tenant) has its reference drivers and templates; add a pending draft of its own.
        using var dispatcher = await fixture.DispatcherApiAsync();
        var title = UniqueData.Text("Isolationsprobe W-1001");
        await dispatcher.CreateTicketDraftAsync(title);

        // Tenant 2 and its admin, made the way an operator makes them: the CLI verbs.
        var suffix = UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        var created = await fixture.Host.RunVerbAsync(["create-tenant", "--name", "Spedition Zwei " + suffix]);
        var tenantId = Regex.Match(created, @"Created tenant (\d+)").Groups[1].Value;
        tenantId.ShouldNotBeEmpty(created);
        var email = $"admin-{suffix}@zwei.local";
        const string password = "E2e-Tenant2-Password";
        await fixture.Host.RunVerbAsync(["create-user", "--tenant", tenantId, "--email", email, "--role", "TenantAdmin"], password);

        // The control: tenant 1's admin does see the draft, so the page below would show it if it leaked.
        await using (var own = await SignedIn.AdminAsync(fixture))
        {
            await own.GoToAsync("drafts");
            await Assertions.Expect(new DraftsPage(own.Page).PendingCard(title)).ToBeVisibleAsync();
        }

        await using var other = await SignedIn.AsAsync(fixture, email, password);
        foreach (var path in Pages)
        {
            await other.GoToAsync(path);
            await Assertions.Expect(other.Page.Locator("h1")).ToBeVisibleAsync();
            // Pages load their rows right after the circuit is up; give them the moment a person would.
            await other.Page.WaitForTimeoutAsync(750);
            var html = await other.Page.ContentAsync();
            html.ShouldNotContain(title, customMessage: $"/{path}");
            html.ShouldNotContain("Max Mustermann", customMessage: $"/{path}");
            html.ShouldNotContain("shift_reminder", customMessage: $"/{path}");
            html.ShouldNotContain(RunningHost.DispatcherEmail, customMessage: $"/{path}");
        }
        await other.GoToAsync("drafts");
        await Assertions.Expect(new DraftsPage(other.Page).NoPending).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(other.Page, "tenant-2-admin-drafts-empty");
        other.Errors.ShouldBeEmpty();
    }
}
