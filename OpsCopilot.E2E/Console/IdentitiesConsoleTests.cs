using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class IdentitiesConsoleTests(ConsoleFixture fixture)
{
    private async Task<(string Number, Guid Id)> PairedAsync()
    {
        var number = UniqueData.Phone("43664");
        var id = await fixture.Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id, last_seen_at) " +
            "SELECT 1, id, $1, now() - interval '5 minutes' FROM auth.users WHERE email = $2 RETURNING id", number, RunningHost.DispatcherEmail);
        return (number, id);
    }

    /// <summary>+43 664 8000012: how a person writes the number the database keeps as 436648000012.</summary>
    private static string Written(string digits) => $"+{digits[..2]} {digits[2..5]} {digits[5..]}";

    [Fact]
    public async Task A_phone_is_found_by_its_full_number_though_the_list_shows_it_masked_and_the_search_lives_in_the_URL()
    {
        var (number, id) = await PairedAsync();
        var (other, otherId) = await PairedAsync();
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Identities", "identities");
        var identities = new IdentitiesPage(session.Page);
        await Assertions.Expect(identities.Row(otherId)).ToBeVisibleAsync();

        await identities.SearchAsync(Written(number));

        await session.Page.WaitForURLAsync(new Regex(@"/identities\?q="));
        await Assertions.Expect(identities.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(identities.Row(id).GetByTestId("identity-number")).ToContainTextAsync(UniqueData.Masked(number));
        await Assertions.Expect(identities.Row(id).GetByTestId("identity-number")).ToContainTextAsync(RunningHost.DispatcherName);
        await Assertions.Expect(identities.Row(id)).ToContainTextAsync(RunningHost.DispatcherEmail);
        (await identities.Grid.InnerTextAsync()).ShouldNotContain(number[5..]);
        var searched = session.Page.Url;
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-identities-found-by-number");

        // A part of the number finds nothing: the hidden digits cannot be probed one at a time.
        await identities.SearchAsync(number[..9]);
        await Assertions.Expect(identities.Empty).ToContainTextAsync("written in full");

        // The back button shows the search before, and before that the whole list.
        await session.Page.GoBackAsync();
        await Assertions.Expect(identities.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(identities.Row(id)).ToBeVisibleAsync();
        await session.Page.GoBackAsync();
        await Assertions.Expect(identities.Row(otherId)).ToBeVisibleAsync();
        await Assertions.Expect(identities.Row(id)).ToBeVisibleAsync();

        // A shared link opens the same search in a new tab.
        var shared = await session.Context.NewPageAsync();
        await shared.GotoAsync(searched);
        await new ConsoleShell(shared).WaitUntilLiveAsync();
        var sharedList = new IdentitiesPage(shared);
        await Assertions.Expect(sharedList.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(sharedList.Row(id)).ToBeVisibleAsync();
        await Assertions.Expect(sharedList.Search).ToHaveValueAsync(Written(number));
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_admin_revokes_a_paired_phone_after_confirming_and_Keep_changes_nothing_the_filter_included()
    {
        var (number, identityId) = await PairedAsync();
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.GoToAsync("identities?status=ACTIVE");
        var identities = new IdentitiesPage(session.Page);
        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-status")).ToHaveTextAsync("ACTIVE");
        await Assertions.Expect(identities.Row(identityId)).ToContainTextAsync(RunningHost.DispatcherEmail);
        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-number")).ToContainTextAsync(UniqueData.Masked(number));
        (await session.Page.ContentAsync()).ShouldNotContain(number);

        await identities.AskToRevokeAsync(identityId);
        var dialog = new ActionDialog(session.Page);
        await Assertions.Expect(dialog.Consequence).ToHaveTextAsync(
            $"Unpair {UniqueData.Masked(number)} from {RunningHost.DispatcherEmail}? Messages from this phone will no longer act for the user until it is paired again.");
        await dialog.KeepAsync();
        session.Page.Url.ShouldEndWith("identities?status=ACTIVE");
        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-status")).ToHaveTextAsync("ACTIVE");
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.identities WHERE id = $1", identityId)).ShouldBe("ACTIVE");

        await identities.RevokeAsync(identityId);

        await Assertions.Expect(dialog.Snackbar("Phone unpaired")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, dialog.Snackbar("Phone unpaired"));
        // Filtered to ACTIVE, the revoked phone leaves the list; without the filter it shows REVOKED.
        await Assertions.Expect(identities.Row(identityId)).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.identities WHERE wa_user_id = $1", number)).ShouldBe("REVOKED");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'IDENTITY_REVOKED' AND payload->>'wa_user_id' = $1", UniqueData.Masked(number)[1..])).ShouldBe(1L);
        await identities.SearchAsync("+" + number);
        await identities.FilterStatusAsync("REVOKED");
        await session.Page.WaitForURLAsync(new Regex("status=REVOKED"));
        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-status")).ToHaveTextAsync("REVOKED");
        await Assertions.Expect(identities.Row(identityId).GetByTestId("revoke-identity")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-identity-revoked");
        session.Errors.ShouldBeEmpty();
    }
}
