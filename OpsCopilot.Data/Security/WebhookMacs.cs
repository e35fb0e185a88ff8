using System.Security.Cryptography;
using System.Text;

namespace OpsCopilot.Data.Security;

/// <summary>
/// The exact byte sequences each scheme signs. The body is appended as the raw bytes received,
/// never decoded and re-encoded, so the MAC matches what the sender computed byte for byte.
/// </summary>
internal static class WebhookMacs
{
    public const int Size = HMACSHA256.HashSizeInBytes;

    private const string StandardSecretPrefix = "whsec_";

    public static void Clawdbot(ReadOnlySpan<byte> key, string timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("|"u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }

    public static void Standard(ReadOnlySpan<byte> key, string messageId, string timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(messageId));
        hmac.AppendData("."u8);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }

    public static void Meta(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body, Span<byte> mac) =>
        HMACSHA256.HashData(key, body, mac);

    /// <summary>The Clawdbot and Meta key is the secret text itself, as <c>openssl -hmac</c> uses it.</summary>
    public static byte[] TextKey(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <summary>
    /// Standard Webhooks secrets look like <c>whsec_&lt;base64&gt;</c> and the key is the decoded bytes.
    /// A secret without that prefix (or with an undecodable remainder) is used as text, which is
    /// still the full secret, so nothing weaker than the configured value is ever accepted.
    /// </summary>
    public static byte[] StandardKey(string secret)
    {
        if (!secret.StartsWith(StandardSecretPrefix, StringComparison.Ordinal))
        {
            return TextKey(secret);
        }

        var encoded = secret.AsSpan(StandardSecretPrefix.Length);
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        return Convert.TryFromBase64Chars(encoded, buffer, out var written) && written > 0
            ? buffer[..written]
            : TextKey(secret);
    }
}
