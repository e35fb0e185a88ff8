using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.Security;
using OpsCopilot.Web.Features.Pairing;

namespace OpsCopilot.Tests.Console;

public sealed class PairingCodeCardMarkupTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    private static Task<string> RenderAsync(PairingLink link) =>
        ComponentMarkup.RenderAsync<PairingCodeCard>(new Dictionary<string, object?>
        {
            [nameof(PairingCodeCard.Link)] = link,
            [nameof(PairingCodeCard.ExpiresAt)] = Now.AddMinutes(15),
            [nameof(PairingCodeCard.UserLabel)] = "dispatcher@demo.local",
        }, new FixedTimeProvider(Now));

    [Fact]
    public async Task The_code_is_shown_large_with_its_countdown_a_QR_image_and_the_WhatsApp_link_of_the_gateway()
    {
        var html = await RenderAsync(new PairingLink("042917", "436649990000"));

        html.ShouldContain("<div class=\"ops-otp\" data-testid=\"pairing-code\" aria-label=\"Pairing code\">042917</div>");
        html.ShouldContain("Expires in <strong>15:00</strong>");
        html.ShouldContain("src=\"data:image/png;base64,iVBORw0KGgo");
        html.ShouldContain("href=\"https://wa.me/436649990000?text=PAIR%20042917\"");
        html.ShouldContain("<strong>&#x2B;436649990000</strong>");
        html.ShouldNotContain("gateway-not-configured");
    }

    [Fact]
    public async Task Without_a_gateway_number_the_card_says_so_and_the_QR_code_carries_only_the_text()
    {
        var html = await RenderAsync(new PairingLink("042917", null));

        html.ShouldContain("data-testid=\"gateway-not-configured\"");
        html.ShouldContain("<code>OpsCopilot:WhatsApp:GatewayNumber</code>");
        html.ShouldContain("alt=\"QR code: PAIR 042917\"");
        html.ShouldNotContain("wa.me");
        html.ShouldNotContain("pairing-wa-link");
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
