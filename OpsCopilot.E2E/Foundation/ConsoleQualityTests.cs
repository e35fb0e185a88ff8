using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;

namespace OpsCopilot.E2E.Foundation;

/// <summary>
/// The pages on MudBlazor and the shell, as admin and as dispatcher, at 1280 and 390 px: axe finds no serious or
/// critical violation, the page never scrolls sideways, and a screenshot of each is kept in artifacts/screenshots.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleQualityTests(ConsoleFixture fixture)
{
    private static readonly (string Path, string Name)[] AdminPages =
        [("", "dashboard"), ("drafts", "drafts-pending"), ("drafts?tab=stuck", "drafts-stuck"), ("drafts?tab=history", "drafts-history")];

    private static readonly (string Path, string Name)[] DispatcherPages =
        [("", "dashboard"), ("drafts", "drafts-pending"), ("drafts?tab=history", "drafts-history"), ("system", "no-access")];

    [Theory]
    [InlineData("admin", 1280, 860)]
    [InlineData("admin", 390, 844)]
    [InlineData("dispatcher", 1280, 860)]
    [InlineData("dispatcher", 390, 844)]
    public async Task Every_migrated_page_is_accessible_fits_the_width_and_is_photographed(string who, int width, int height)
    {
        using var dispatcher = await fixture.DispatcherApiAsync();
        var draftId = await dispatcher.CreateTicketDraftAsync(UniqueData.Text("Kühlung defekt LKW W-3310"));
        await using var session = await SignedIn.AsRoleAsync(fixture, who, width, height);
        var pages = (who == "admin" ? AdminPages : DispatcherPages).Append(($"drafts/{draftId}", "draft-detail"));

        foreach (var (path, name) in pages)
        {
            await session.GoToAsync(path);
            await Assertions.Expect(session.Page.Locator("h1")).ToBeVisibleAsync();
            // Loaded once the circuit is live: no progress bar left.
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
            await ConsoleQuality.ShouldPassPageChecksAsync(session.Page, $"/{path} as {who} at {width} px", $"mud-{name}-{who}-{width}");
        }
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_sign_in_page_is_accessible_and_fits_a_phone()
    {
        foreach (var (width, height) in new[] { (1280, 860), (390, 844) })
        {
            var (context, page, errors) = await fixture.NewPageAsync(width, height);
            await using var _ = context;
            await page.GotoAsync("account/login");
            await ConsoleQuality.ShouldPassPageChecksAsync(page, $"sign-in at {width} px", $"mud-sign-in-{width}");
            errors.ShouldBeEmpty();
        }
    }
}
