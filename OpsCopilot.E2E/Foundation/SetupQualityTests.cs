using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;

namespace OpsCopilot.E2E.Foundation;

/// <summary>
/// Templates, Drivers and System (the tenant's setup pages), as admin and as dispatcher, at 1280 and 390 px: axe finds
/// no serious or critical violation, the page never scrolls sideways, and a screenshot of each is kept in
/// artifacts/screenshots. Open editors and forms are checked too, not just the lists.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SetupQualityTests(ConsoleFixture fixture)
{
    /// <param name="Open">Test ids clicked before the check (a form or card opened on the page).</param>
    private sealed record Visit(string Path, string Name, params string[] Open);

    private static readonly Visit[] AdminPages =
    [
        new("templates", "templates"),
        new("templates?edit=shift_reminder", "template-editor"),
        new("templates?edit=new", "template-new"),
        new("drivers", "drivers"),
        new("drivers", "drivers-form-and-import", "new-driver", "open-import"),
        new("system", "system"),
    ];

    private static readonly Visit[] DispatcherPages =
    [
        new("templates", "templates"),
        new("templates?edit=shift_reminder", "template-read-only"),
        new("drivers", "drivers"),
    ];

    [Theory]
    [InlineData("admin", 1280, 860)]
    [InlineData("admin", 390, 844)]
    [InlineData("dispatcher", 1280, 860)]
    [InlineData("dispatcher", 390, 844)]
    public async Task Templates_drivers_and_system_are_accessible_fit_the_width_and_are_photographed(string who, int width, int height)
    {
        await using var session = await SignedIn.AsRoleAsync(fixture, who, width, height);

        foreach (var visit in who == "admin" ? AdminPages : DispatcherPages)
        {
            await session.GoToAsync(visit.Path);
            await Assertions.Expect(session.Page.Locator("h1")).ToBeVisibleAsync();
            // Loaded once the circuit is live: no progress bar left, and the list has its rows.
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
            if (visit.Path.StartsWith("templates", StringComparison.Ordinal) || visit.Path.StartsWith("drivers", StringComparison.Ordinal))
                await Assertions.Expect(session.Page.Locator("[data-testid$='-grid-pager-summary']")).ToContainTextAsync("Page 1 of");
            foreach (var testId in visit.Open)
            {
                await session.Page.GetByTestId(testId).ClickAsync();
                await Assertions.Expect(session.Page.GetByTestId(testId == "new-driver" ? "driver-form" : "driver-import")).ToBeVisibleAsync();
            }
            await ConsoleQuality.ShouldPassPageChecksAsync(session.Page, $"/{visit.Path} ({visit.Name}) as {who} at {width} px", $"setup-{visit.Name}-{who}-{width}");
        }
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_system_page_shows_a_dispatcher_the_no_access_notice_inside_the_shell()
    {
        await using var session = await SignedIn.DispatcherAsync(fixture, 390, 844);

        await session.GoToAsync("system");

        await Assertions.Expect(session.Page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("menu-toggle")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldPassPageChecksAsync(session.Page, "/system as dispatcher at 390 px", "setup-system-no-access-dispatcher-390");
    }
}
