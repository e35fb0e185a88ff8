using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Foundation;

/// <summary>
/// What a working day's interruptions look like in the browser: a click that meets a database failure shows an error
/// in place of the page and the session goes on; a cut connection shows the product's reconnect notice and a grey
/// LIVE badge, and both go away when the connection is back — on the same circuit, without a reload.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleResilienceTests(ConsoleFixture fixture)
{
    private const string LiveGreen = "rgb(27, 110, 42)";
    private const string OfflineGrey = "rgb(75, 85, 99)";

    /// <summary>A mark in the page's JavaScript: still there afterwards means the document was never reloaded.</summary>
    private static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.opsSameDocument = 'yes'; }");

    private static Task<string?> DocumentMarkAsync(IPage page) => page.EvaluateAsync<string?>("() => window.opsSameDocument ?? null");

    [Fact]
    public async Task A_click_that_fails_in_the_database_shows_the_error_in_place_of_the_page_and_the_session_goes_on()
    {
        using var dispatcher = await fixture.DispatcherApiAsync();
        var title = UniqueData.Text("Spiegel kaputt LKW W-5120");
        var draftId = await dispatcher.CreateTicketDraftAsync(title);
        var (context, page, errors) = await fixture.SignedInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await using var _ = context;
        var shell = new ConsoleShell(page);
        await shell.NavigateAsync("Drafts");
        await page.WaitForURLAsync("**/drafts");
        var drafts = new DraftsPage(page);
        await Assertions.Expect(drafts.PendingCard(draftId)).ToBeVisibleAsync();
        await MarkDocumentAsync(page);

        // The runtime role loses the right to change drafts, as a click would meet a broken grant or a failing
        // database: the confirmation's UPDATE fails with "permission denied" (not a refusal the page expects).
        var appRole = new NpgsqlConnectionStringBuilder(fixture.Host.Database.AppConnectionString).Username!;
        await fixture.Host.Database.ExecuteAsync($"REVOKE UPDATE ON ops.drafts FROM {appRole}");
        try
        {
            await drafts.ConfirmAsync(drafts.PendingCard(draftId));

            await Assertions.Expect(shell.PageError).ToBeVisibleAsync();
            await Assertions.Expect(shell.PageError).ToContainTextAsync("That did not work.");
            await Assertions.Expect(shell.PageError).ToContainTextAsync("You are still signed in");
            // The shell stays: the user, the menu; the page itself gave way to the error.
            await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(RunningHost.AdminEmail);
            await Assertions.Expect(shell.Menu.GetByRole(AriaRole.Link, new() { Name = "Drafts", Exact = true })).ToBeAttachedAsync();
            await Assertions.Expect(drafts.PendingCard(draftId)).ToHaveCountAsync(0);
            await ConsoleFixture.ScreenshotAsync(page, "foundation-click-failed-in-database");
            (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", draftId)).ShouldBe("PENDING_CONFIRM");
        }
        finally
        {
            await fixture.Host.Database.ExecuteAsync($"GRANT UPDATE ON ops.drafts TO {appRole}");
        }

        // Try again brings the page back on the same circuit, and the same click now goes through.
        await page.GetByTestId("page-error-retry").ClickAsync();
        await Assertions.Expect(shell.PageError).ToHaveCountAsync(0);
        await drafts.ConfirmAsync(drafts.PendingCard(draftId));
        await Assertions.Expect(new ActionDialog(page).Snackbar("Draft executed")).ToBeVisibleAsync();
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", draftId)).ShouldBe("COMMITTED");
        (await DocumentMarkAsync(page)).ShouldBe("yes");
        await Assertions.Expect(shell.ReconnectNotice).ToBeHiddenAsync();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cut_connection_shows_the_reconnect_notice_and_a_grey_LIVE_badge_until_it_is_back()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var browser = context;
        // Every circuit connection goes through this route, so the test can cut it: Playwright's offline mode alone
        // leaves open WebSockets alone. While cut, new attempts are closed at once (and plain HTTP fails offline).
        var cut = false;
        var connections = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (Volatile.Read(ref cut))
            {
                _ = socket.CloseAsync(new() { Code = 4000, Reason = "cut by the test" });
                return;
            }
            var server = socket.ConnectToServer();
            lock (connections) connections.Add((socket, server));
        });
        await new LoginPage(page).SignInAsync(RunningHost.AdminEmail, RunningHost.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.WaitUntilLiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(shell.LiveIndicator).ToHaveAttributeAsync("data-live", "true");
        (await ColourAsync(shell.LiveIndicator)).ShouldBe(LiveGreen);
        await Assertions.Expect(shell.ReconnectNotice).ToBeHiddenAsync();
        await MarkDocumentAsync(page);
        errors.ShouldBeEmpty();

        Volatile.Write(ref cut, true);
        await context.SetOfflineAsync(true);
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (connections) open = [.. connections];
        open.ShouldNotBeEmpty();
        foreach (var (socket, server) in open)
        {
            await server.CloseAsync(new() { Code = 4000, Reason = "cut by the test" });
            await socket.CloseAsync(new() { Code = 4000, Reason = "cut by the test" });
        }

        await Assertions.Expect(shell.ReconnectNotice).ToBeVisibleAsync();
        await Assertions.Expect(shell.ReconnectNotice.GetByText("Connection to Ops Copilot lost.")).ToBeVisibleAsync();
        await Assertions.Expect(shell.LiveIndicator.GetByTestId("live-offline")).ToBeVisibleAsync();
        (await ColourAsync(shell.LiveIndicator)).ShouldBe(OfflineGrey);
        await ConsoleFixture.ScreenshotAsync(page, "foundation-connection-lost");

        Volatile.Write(ref cut, false);
        await context.SetOfflineAsync(false);

        // Blazor retries on its own (every 5 s after the first quick attempts) and resumes the same circuit.
        await Assertions.Expect(shell.ReconnectNotice).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(shell.LiveIndicator.GetByTestId("live-offline")).ToBeHiddenAsync();
        await Assertions.Expect(shell.LiveIndicator).ToHaveAttributeAsync("data-live", "true");
        (await ColourAsync(shell.LiveIndicator)).ShouldBe(LiveGreen);
        (await DocumentMarkAsync(page)).ShouldBe("yes");
        // While offline the browser logs its failed attempts; from the reconnection on, nothing more.
        var loggedWhileCut = errors.Count;
        // The session goes on: a click on the menu is answered by the circuit.
        await shell.NavigateAsync("Drafts");
        await page.WaitForURLAsync("**/drafts");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Drafts");
        errors.Skip(loggedWhileCut).ShouldBeEmpty();
    }

    private static Task<string> ColourAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).color");
}
