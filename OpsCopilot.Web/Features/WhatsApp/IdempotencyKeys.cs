using System.Security.Cryptography;
using System.Text;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>The runbook's key composition (docs/runbooks.md, pilot §4): X-Request-Id, else message_id, else a hash of the message.</summary>
internal static class IdempotencyKeys
{
    public const int FallbackBodyPrefix = 100;

    public static string For(string? requestId, string? messageId, string waUserId, string? timestamp, string body)
    {
        if (!string.IsNullOrWhiteSpace(requestId)) return requestId.Trim();
        if (!string.IsNullOrEmpty(messageId)) return messageId;
        return Fallback(waUserId, timestamp ?? "", body);
    }

    /// <summary>
    /// sha256 of what a gateway signature covers (the signed timestamp header, '|', the raw body) as lowercase hex:
    /// a replayed delivery has the same hash whatever unsigned headers it carries.
    /// </summary>
    public static string SignedContentHash(string? signedTimestamp, ReadOnlySpan<byte> rawBody)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes((signedTimestamp ?? "") + "|"));
        hash.AppendData(rawBody);
        return "gw:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// sha256(wa_user_id + timestamp + body[:100]) as lowercase hex; the prefix counts code points like the
    /// original's Python slice, so an emoji is never cut in half.
    /// </summary>
    public static string Fallback(string waUserId, string timestamp, string body)
    {
        var prefix = new StringBuilder();
        var count = 0;
        foreach (var rune in body.EnumerateRunes())
        {
            if (count++ == FallbackBodyPrefix) break;
            prefix.Append(rune.ToString());
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(waUserId + timestamp + prefix)));
    }
}
