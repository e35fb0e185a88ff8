using System.Security.Cryptography;

namespace OpsCopilot.Data.Security;

/// <summary><c>X-Clawdbot-Signature</c> = hex HMAC-SHA256 of <c>"{timestamp}|{raw body}"</c>.</summary>
internal static class ClawdbotScheme
{
    private const string OptionalPrefix = "sha256=";

    public static SchemeAttempt Check(ReadOnlySpan<byte> body, Func<string, string?> getHeader, WebhookSecrets secrets)
    {
        var timestamp = getHeader(WebhookHeaders.ClawdbotTimestamp);
        var signature = getHeader(WebhookHeaders.ClawdbotSignature);
        if (timestamp is null || signature is null)
        {
            return SchemeAttempt.Failed(SignatureFailure.MissingHeaders);
        }

        Span<byte> presented = stackalloc byte[WebhookMacs.Size];
        if (!UnixTimestamp.TryParse(timestamp, out var seconds)
            || !SignatureEncoding.TryDecodeHex(WithoutPrefix(signature), presented))
        {
            return SchemeAttempt.Failed(SignatureFailure.MalformedHeaders);
        }

        Span<byte> expected = stackalloc byte[WebhookMacs.Size];
        foreach (var (secret, isPrevious) in secrets.Candidates())
        {
            WebhookMacs.Clawdbot(WebhookMacs.TextKey(secret), timestamp, body, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return SchemeAttempt.Matched(seconds, isPrevious);
            }
        }

        return SchemeAttempt.Failed(SignatureFailure.InvalidSignature);
    }

    private static ReadOnlySpan<char> WithoutPrefix(string signature) =>
        signature.StartsWith(OptionalPrefix, StringComparison.OrdinalIgnoreCase)
            ? signature.AsSpan(OptionalPrefix.Length)
            : signature;
}
