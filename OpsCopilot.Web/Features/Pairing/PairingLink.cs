namespace OpsCopilot.Web.Features.Pairing;

/// <summary>
/// What the pairing QR code carries: a wa.me link that opens a chat with the gateway with "PAIR &lt;code&gt;" typed
/// in, or, without a configured gateway number, just that text.
/// </summary>
public sealed record PairingLink(string Code, string? GatewayNumber)
{
    public string Message => $"PAIR {Code}";

    public string? WhatsAppUrl => string.IsNullOrEmpty(GatewayNumber) ? null : $"https://wa.me/{GatewayNumber}?text={Uri.EscapeDataString(Message)}";

    public string QrPayload => WhatsAppUrl ?? Message;
}
