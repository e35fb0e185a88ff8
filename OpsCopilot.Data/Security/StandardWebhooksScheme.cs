using System.Security.Cryptography;

namespace OpsCopilot.Data.Security;

/// <summary>
/// Standard Webhooks (standardwebhooks.com): <c>webhook-signature</c> is a space-separated list of
/// <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{raw body}"&gt;</c>; any one valid entry passes.
/// </summary>
internal static class StandardWebhooksScheme
{
    private const string SupportedVersion = "v1";

    public static SchemeAttempt Check(ReadOnlySpan<byte> body, Func<string, string?> getHeader, WebhookSecrets secrets)
    {
        var messageId = getHeader(WebhookHeaders.StandardId);
        var timestamp = getHeader(WebhookHeaders.StandardTimestamp);
        var signatures = getHeader(WebhookHeaders.StandardSignature);
        if (messageId is null || timestamp is null || signatures is null)
        {
            return SchemeAttempt.Failed(SignatureFailure.MissingHeaders);
        }

        if (string.IsNullOrWhiteSpace(messageId) || !UnixTimestamp.TryParse(timestamp, out var seconds))
        {
            return SchemeAttempt.Failed(SignatureFailure.MalformedHeaders);
        }

        // One MAC per secret up front, so a header stuffed with entries costs comparisons, not HMACs.
        var candidates = secrets.Candidates();
        var expected = new byte[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            expected[i] = new byte[WebhookMacs.Size];
            WebhookMacs.Standard(WebhookMacs.StandardKey(candidates[i].Secret), messageId, timestamp, body, expected[i]);
        }

        var sawWellFormedEntry = false;
        Span<byte> presented = stackalloc byte[WebhookMacs.Size];
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0)
            {
                continue;
            }

            if (!entry.AsSpan(0, comma).SequenceEqual(SupportedVersion))
            {
                // Other versions (v1a = asymmetric, future v2) are legitimately present but not ours to check.
                sawWellFormedEntry = true;
                continue;
            }

            if (!SignatureEncoding.TryDecodeBase64(entry.AsSpan(comma + 1), presented))
            {
                continue;
            }

            sawWellFormedEntry = true;
            for (var i = 0; i < expected.Length; i++)
            {
                if (CryptographicOperations.FixedTimeEquals(expected[i], presented))
                {
                    return SchemeAttempt.Matched(seconds, candidates[i].IsPrevious);
                }
            }
        }

        return SchemeAttempt.Failed(sawWellFormedEntry ? SignatureFailure.InvalidSignature : SignatureFailure.MalformedHeaders);
    }
}
