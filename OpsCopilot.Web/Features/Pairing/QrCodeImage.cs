using QRCoder;

namespace OpsCopilot.Web.Features.Pairing;

/// <summary>QR codes rendered on the server as PNG data URIs: no network, no script.</summary>
public static class QrCodeImage
{
    public static string PngDataUri(string payload, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
