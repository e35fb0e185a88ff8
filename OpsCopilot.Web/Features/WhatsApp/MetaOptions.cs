using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API channel. Both settings are optional: without VerifyToken the subscription handshake is
/// refused, without AppSecret deliveries are refused (the channel is then simply not in use).
/// </summary>
public sealed class MetaOptions : IValidatableObject
{
    public const string Section = "OpsCopilot:Meta";

    /// <summary>The token entered in Meta's webhook settings; compared in constant time with hub.verify_token.</summary>
    [MaxLength(512)]
    public string? VerifyToken { get; set; }

    /// <summary>The app secret Meta signs X-Hub-Signature-256 with.</summary>
    [MaxLength(512)]
    public string? AppSecret { get; set; }

    /// <summary>Largest accepted delivery; Meta batches several messages and receipts into one.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public bool ReceivesMessages => !string.IsNullOrEmpty(AppSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A value of only spaces is a deployment mistake, not a secret: refuse to start rather than accept it.
        if (VerifyToken is { Length: > 0 } token && string.IsNullOrWhiteSpace(token))
            yield return new ValidationResult("OpsCopilot:Meta:VerifyToken is blank.", [nameof(VerifyToken)]);
        if (AppSecret is { Length: > 0 } secret && string.IsNullOrWhiteSpace(secret))
            yield return new ValidationResult("OpsCopilot:Meta:AppSecret is blank.", [nameof(AppSecret)]);
    }
}
