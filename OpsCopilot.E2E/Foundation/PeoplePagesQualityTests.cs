using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Foundation;

/// <summary>
/// Pairing, Identities, Users and the simulator (the console's people and phones), as admin and as dispatcher, at
/// 1280 and 390 px: axe finds no serious or critical violation, the page never scrolls sideways, a screenshot of each
/// is kept in artifacts/screenshots. A dispatcher may use none of them: they get the no-access page inside the shell.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PeoplePagesQualityTests(ConsoleFixture fixture)
{
    private static readonly (string Path, string Name)[] PeoplePages =
        [("pairing", "pairing"), ("identities", "identities"), ("users", "users"), ("simulator", "simulator")];

    [Theory]
    [InlineData("admin", 1280, 860)]
    [InlineData("admin", 390, 844)]
    [InlineData("dispatcher", 1280, 860)]
    [InlineData("dispatcher", 390, 844)]
    public async Task Pairing_identities_users_and_the_simulator_are_accessible_fit_the_width_and_are_photographed(string who, int width, int height)
    {
        // Something in every list: a paired phone, and a chat in the simulator.
        var phone = UniqueData.Phone("43664");
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id, last_seen_at) SELECT 1, id, $1, now() FROM auth.users WHERE email = $2",
            phone, RunningHost.DispatcherEmail);
        await using var session = await SignedIn.AsRoleAsync(fixture, who, width, height);

        foreach (var (path, name) in PeoplePages)
        {
            await session.GoToAsync(path);
            await Assertions.Expect(session.Page.Locator("h1")).ToBeVisibleAsync();
            if (who == "admin")
            {
                await Assertions.Expect(session.Page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
                if (path == "simulator") await new SimulatorPage(session.Page).SendAsync("+" + phone, "hilfe");
            }
            else
            {
                await Assertions.Expect(session.Page.GetByTestId("not-allowed")).ToBeVisibleAsync();
            }
            await ConsoleQuality.ShouldPassPageChecksAsync(session.Page, $"/{path} as {who} at {width} px", $"mud-{name}-{who}-{width}");
        }
        session.Errors.ShouldBeEmpty();
    }
}
