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

        // Creating without choosing whose phone says so at the field, in words.
        await pairing.CreateButton.ClickAsync();
        await Assertions.Expect(pairing.UserPicker).ToHaveAccessibleDescriptionAsync(new Regex("Pick the user whose phone will be paired"));
        await Assertions.Expect(pairing.CodeCard).ToHaveCountAsync(0);

        await pairing.CreateInviteAsync(RunningHost.DispatcherEmail);
        var inviteId = await pairing.ShownInviteIdAsync();

        var code = (await pairing.Code.InnerTextAsync()).Trim();
        code.ShouldMatch("^[0-9]{8}$");
        await Assertions.Expect(pairing.Qr).ToBeVisibleAsync();
        (await pairing.Qr.GetAttributeAsync("src")).ShouldStartWith("data:image/png;base64,");
        (await pairing.Qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(100);
        await Assertions.Expect(pairing.WhatsAppLink).ToHaveAttributeAsync("href", $"https://wa.me/{RunningHost.GatewayNumber}?text=PAIR%20{code}");
        await Assertions.Expect(pairing.Countdown).ToContainTextAsync(new Regex(@"Expires in 1[45]:[0-5][0-9]"));
        var first = await pairing.Countdown.InnerTextAsync();
        await Assertions.Expect(pairing.Countdown).Not.ToHaveTextAsync(first, new() { Timeout = 5_000 });
        await Assertions.Expect(pairing.Status(inviteId)).ToHaveTextAsync("PENDING");
        await Assertions.Expect(pairing.Row(inviteId)).ToContainTextAsync(RunningHost.DispatcherName);
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.pairing_invites WHERE status = 'PENDING' AND otp_hash = $1", code)).ShouldBe(0L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-pairing-code");

        await session.Page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(pairing.Code).ToBeInViewportAsync(new() { Ratio = 0.0f });
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(session.Page);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-pairing-code-phone");
        await session.Page.SetViewportSizeAsync(1280, 860);

        await pairing.RevokeAsync(inviteId);
        await Assertions.Expect(pairing.Status(inviteId)).ToHaveTextAsync("REVOKED");
        await Assertions.Expect(pairing.CodeCard).ToHaveCountAsync(0);
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("Pairing code revoked")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, new ActionDialog(session.Page).Snackbar("Pairing code revoked"));
        (await fixture.Host.Database.ScalarAsync<string>("SELECT status FROM ops.pairing_invites WHERE id = $1", inviteId)).ShouldBe("REVOKED");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE tenant_id = 1 AND event_type = 'INVITE_REVOKED' AND payload->>'invite_id' = $1", inviteId.ToString()))
            .ShouldBe(1L);
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_code_card_says_Paired_and_its_row_USED_the_moment_the_phone_pairs_without_a_reload()
    {
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Pairing", "pairing");
        var pairing = new PairingPage(session.Page);
        await pairing.CreateInviteAsync(RunningHost.DispatcherEmail);
        var inviteId = await pairing.ShownInviteIdAsync();
        var code = (await pairing.Code.InnerTextAsync()).Trim();
        await session.Page.EvaluateAsync("() => { window.opsSameDocument = 'yes'; }");

        // The phone sends PAIR <code> to the gateway; the page hears of it through the change feed.
        var phone = UniqueData.Phone("43664");
        using (var gateway = new SignedWebhook(fixture.Host.BaseUrl, RunningHost.WebhookSecret))
            (await gateway.SendAsync("+" + phone, "PAIR " + code, "wamid.e2e-pair-" + UniqueData.Next()))["status"]!.GetValue<string>().ShouldBe("processed");

        await Assertions.Expect(pairing.Paired).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(pairing.Paired).ToContainTextAsync($"{RunningHost.DispatcherName}'s phone {UniqueData.Masked(phone)} is paired");
        await Assertions.Expect(pairing.Code).ToHaveCountAsync(0);
        await Assertions.Expect(pairing.Status(inviteId)).ToHaveTextAsync("USED");
        await Assertions.Expect(pairing.Row(inviteId).GetByTestId("invite-phone")).ToContainTextAsync(UniqueData.Masked(phone));
        await Assertions.Expect(pairing.Row(inviteId).GetByTestId("revoke-invite")).ToHaveCountAsync(0);
        (await session.Page.EvaluateAsync<string?>("() => window.opsSameDocument ?? null")).ShouldBe("yes");
        (await session.Page.ContentAsync()).ShouldNotContain(phone);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-pairing-paired-live");
        session.Errors.ShouldBeEmpty();
    }
}
