using Bunit;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.Security;
using OpsCopilot.Web.Features.Pairing;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The card of a fresh pairing code, rendered with bUnit: the code once, its QR code and link, and "Paired" once used.</summary>
public sealed class PairingComponentTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    private static IRenderedComponent<PairingCodeCard> Card(BunitContext context, PairingLink link, string status = InviteStatus.Pending,
        string? pairedNumber = null) =>
        context.Render<PairingCodeCard>(p => p
            .Add(c => c.Link, link).Add(c => c.ExpiresAt, Now.AddMinutes(15)).Add(c => c.UserLabel, "Demo Dispatcher")
            .Add(c => c.Status, status).Add(c => c.PairedNumber, pairedNumber));

    private static BunitContext Context() => ConsoleComponentContext.Create(new FixedTimeProvider(Now));

    [Fact]
    public async Task The_code_is_shown_large_with_its_countdown_a_QR_image_and_the_WhatsApp_link_of_the_gateway()
    {
        await using var context = Context();

        var card = Card(context, new PairingLink("042917", "436649990000"));

        card.Find("[data-testid=pairing-code]").TextContent.ShouldBe("042917");
        card.Find("[data-testid=expiry-countdown]").TextContent.Trim().ShouldBe("Expires in 15:00");
        card.Find("[data-testid=pairing-qr]").GetAttribute("src")!.ShouldStartWith("data:image/png;base64,iVBORw0KGgo");
        card.Find("[data-testid=pairing-wa-link]").GetAttribute("href").ShouldBe("https://wa.me/436649990000?text=PAIR%20042917");
        card.Markup.ShouldContain("+436649990000");
        card.Markup.ShouldContain("Pairing code for Demo Dispatcher");
        card.FindAll("[data-testid=gateway-not-configured]").ShouldBeEmpty();
        card.FindAll("[data-testid=pairing-paired]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_gateway_number_the_card_says_so_and_the_QR_code_carries_only_the_text()
    {
        await using var context = Context();

        var card = Card(context, new PairingLink("042917", null));

        card.Find("[data-testid=gateway-not-configured]").TextContent.ShouldContain("OpsCopilot:WhatsApp:GatewayNumber");
        card.Find("[data-testid=pairing-qr]").GetAttribute("alt").ShouldBe("QR code: PAIR 042917");
        card.Markup.ShouldNotContain("wa.me");
        card.FindAll("[data-testid=pairing-wa-link]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Once_the_phone_has_used_the_code_the_card_says_Paired_with_the_masked_number_and_no_longer_shows_the_code()
    {
        await using var context = Context();
        var card = Card(context, new PairingLink("042917", "436649990000"));

        card.Render(p => p.Add(c => c.Status, InviteStatus.Used).Add(c => c.PairedNumber, "436*******67"));

        card.Find("[data-testid=pairing-code-card]").GetAttribute("data-status").ShouldBe(InviteStatus.Used);
        var paired = card.Find("[data-testid=pairing-paired]").TextContent;
        paired.ShouldContain("Paired");
        paired.ShouldContain("Demo Dispatcher's phone +436*******67 is paired");
        card.FindAll("[data-testid=pairing-code]").ShouldBeEmpty();
        card.FindAll("[data-testid=pairing-qr]").ShouldBeEmpty();
        card.Markup.ShouldNotContain("042917");
    }

    [Fact]
    public void The_link_prefills_PAIR_and_the_code_for_the_gateway_number()
    {
        var link = new PairingLink("123456", "436641234567");
        link.Message.ShouldBe("PAIR 123456");
        link.WhatsAppUrl.ShouldBe("https://wa.me/436641234567?text=PAIR%20123456");
        link.QrPayload.ShouldBe(link.WhatsAppUrl);

        var unconfigured = new PairingLink("123456", "");
        unconfigured.WhatsAppUrl.ShouldBeNull();
        unconfigured.QrPayload.ShouldBe("PAIR 123456");
    }

    [Fact]
    public void The_QR_image_is_a_PNG_that_grows_with_its_payload()
    {
        var small = Convert.FromBase64String(QrCodeImage.PngDataUri("PAIR 123456")["data:image/png;base64,".Length..]);
        var large = Convert.FromBase64String(QrCodeImage.PngDataUri("https://wa.me/436641234567?text=PAIR%20123456")["data:image/png;base64,".Length..]);

        small[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        PngWidth(large).ShouldBeGreaterThan(PngWidth(small));
    }

    private static int PngWidth(byte[] png) => (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
}
