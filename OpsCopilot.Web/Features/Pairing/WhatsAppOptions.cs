using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Pairing;

public sealed class WhatsAppOptions
{
    public const string Section = "OpsCopilot:WhatsApp";

    /// <summary>
    /// The WhatsApp number people message to reach the copilot, as E.164 digits without '+' (436641234567).
    /// The pairing QR code opens a chat with it; unset, the QR code carries only the text "PAIR &lt;code&gt;".
    /// </summary>
    [RegularExpression("^[1-9][0-9]{7,14}$",
        ErrorMessage = "OpsCopilot:WhatsApp:GatewayNumber must be E.164 digits without '+' or spaces (8 to 15 digits, e.g. 436641234567).")]
    public string? GatewayNumber { get; set; }
}
