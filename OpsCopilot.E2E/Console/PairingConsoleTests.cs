using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class PairingConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_admin_creates_a_pairing_code_and_sees_it_once_with_a_live_countdown_and_a_WhatsApp_QR_code_then_revokes_it()
    {
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Pairing", "pairing");
        var pairing = new PairingPage(session.Page);

        await pairing.CreateInviteAsync(RunningHost.DispatcherEmail);

        var code = (await pairing.Code.InnerTextAsync()).Trim();
        code.ShouldMatch("^[0-9]{6}$");
        await Assertions.Expect(pairing.Qr).ToBeVisibleAsync();
        (await pairing.Qr.GetAttributeAsync("src")).ShouldStartWith("data:image/png;base64,");
        (await pairing.Qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(100);
        await Assertions.Expect(pairing.WhatsAppLink).ToHaveAttributeAsync("href", $"https://wa.me/{RunningHost.GatewayNumber}?text=PAIR%20{code}");
        await Assertions.Expect(pairing.Countdown).ToContainTextAsync(new Regex(@"Expires in 1[45]:[0-5][0-9]"));
        var first = await pairing.Countdown.InnerTextAsync();
        await Assertions.Expect(pairing.Countdown).Not.ToHaveTextAsync(first, new() { Timeout = 5_000 });
        await Assertions.Expect(pairing.NewestInviteStatus).ToHaveTextAsync("PENDING");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.pairing_invites WHERE status = 'PENDING' AND otp_hash = $1", code)).ShouldBe(0L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-pairing-code");

        await session.Page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(pairing.Code).ToBeInViewportAsync(new() { Ratio = 0.0f });
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-pairing-code-phone");
        await session.Page.SetViewportSizeAsync(1280, 860);

        await pairing.RevokeNewestInviteAsync();
        await Assertions.Expect(pairing.NewestInviteStatus).ToHaveTextAsync("REVOKED");
        await Assertions.Expect(pairing.CodeCard).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = 1 AND event_type = 'INVITE_REVOKED'"))
            .ShouldBeGreaterThan(0L);
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_admin_revokes_a_paired_phone_after_confirming()
    {
        var number = UniqueData.Phone("43664");
        var masked = UniqueData.Masked(number);
        var identityId = await fixture.Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id, last_seen_at) " +
            "SELECT 1, id, $1, now() - interval '5 minutes' FROM auth.users WHERE email = $2 RETURNING id", number, RunningHost.DispatcherEmail);

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Identities", "identities");
        var identities = new IdentitiesPage(session.Page);
        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-status")).ToHaveTextAsync("ACTIVE");
        await Assertions.Expect(identities.Row(identityId)).ToContainTextAsync(RunningHost.DispatcherEmail);
        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-number")).ToHaveTextAsync(masked);
        (await session.Page.ContentAsync()).ShouldNotContain(number);

        await identities.RevokeAsync(identityId);

        await Assertions.Expect(identities.Row(identityId).GetByTestId("identity-status")).ToHaveTextAsync("REVOKED");
        await Assertions.Expect(identities.Row(identityId).GetByTestId("revoke-identity")).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.identities WHERE wa_user_id = $1", number)).ShouldBe("REVOKED");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'IDENTITY_REVOKED' AND payload->>'wa_user_id' = $1", masked[1..])).ShouldBe(1L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-identity-revoked");
        session.Errors.ShouldBeEmpty();
    }
}
