using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class DispatcherConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_dispatcher_sees_no_Pairing_Identities_or_Users_and_reads_templates_and_drivers_without_edit_controls()
    {
        await using var session = await SignedIn.DispatcherAsync(fixture, width: 390, height: 844);

        var navigation = await session.Shell.NavigationTitlesAsync();
        navigation.ShouldNotContain("Pairing");
        navigation.ShouldNotContain("Identities");
        navigation.ShouldNotContain("Users");
        navigation.ShouldContain("Templates");
        navigation.ShouldContain("Drivers & Subscriptions");

        await session.GoToAsync("templates");
        var templates = new TemplatesPage(session.Page);
        await Assertions.Expect(templates.Row("shift_reminder")).ToBeVisibleAsync();
        await Assertions.Expect(templates.NewButton).ToHaveCountAsync(0);
        await Assertions.Expect(templates.Switches).ToHaveCountAsync(0);
        await templates.OpenAsync("shift_reminder");
        await Assertions.Expect(templates.Editor).ToBeVisibleAsync();
        await Assertions.Expect(templates.SaveButton).ToHaveCountAsync(0);
        await Assertions.Expect(templates.Body).ToHaveAttributeAsync("readonly", "");
        await templates.SampleAsync("date", "morgen");
        await Assertions.Expect(templates.Preview).ToContainTextAsync("Schicht am morgen um");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-dispatcher-templates-phone");

        // Found through a shared link's search: other tests' drivers may fill the first page of the whole list.
        await session.GoToAsync("drivers?q=Max%20Mustermann");
        var drivers = new DriversPage(session.Page);
        await Assertions.Expect(drivers.Search).ToHaveValueAsync("Max Mustermann");
        await Assertions.Expect(drivers.Row("Max Mustermann")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("new-driver")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.GetByTestId("open-import")).ToHaveCountAsync(0);
        await Assertions.Expect(drivers.Switches).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-dispatcher-drivers-phone");

        foreach (var path in new[] { "pairing", "identities", "users" })
        {
            await session.Page.GotoAsync(path);
            await Assertions.Expect(session.Page.GetByTestId("not-allowed")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page.GetByTestId("invite-form")).ToHaveCountAsync(0);
        }
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-dispatcher-users-denied-phone");
    }
}
