using System.Security.Cryptography;

namespace OpsCopilot.Data.Security;

/// <summary>
/// WhatsApp Cloud API (Meta): <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(app secret, raw body)&gt;</c>.
/// Meta signs no timestamp, so replay protection rests on deduplicating the <c>wamid</c>.
/// </summary>
public static class MetaSignatureVerifier
{
    private const string RequiredPrefix = "sha256=";

    public static SignatureCheck Verify(ReadOnlySpan<byte> rawBody, string? headerValue, string appSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appSecret);

        if (headerValue is null)
        {
            return SignatureCheck.Failed(SignatureFailure.MissingHeaders);
        }

        Span<byte> presented = stackalloc byte[WebhookMacs.Size];
        if (!headerValue.StartsWith(RequiredPrefix, StringComparison.OrdinalIgnoreCase)
            || !SignatureEncoding.TryDecodeHex(headerValue.AsSpan(RequiredPrefix.Length), presented))
        {
            return SignatureCheck.Failed(SignatureFailure.MalformedHeaders, WebhookScheme.Meta);
        }

        Span<byte> expected = stackalloc byte[WebhookMacs.Size];
        WebhookMacs.Meta(WebhookMacs.TextKey(appSecret), rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? SignatureCheck.Valid(WebhookScheme.Meta, usedPreviousSecret: false)
            : SignatureCheck.Failed(SignatureFailure.InvalidSignature, WebhookScheme.Meta);
    }
}
