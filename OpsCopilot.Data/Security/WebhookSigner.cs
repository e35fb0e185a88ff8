using System.Globalization;

namespace OpsCopilot.Data.Security;

/// <summary>
/// Produces the signature header values the verifiers accept; used by the outbound gateway
/// sender, local tooling and tests.
/// </summary>
public static class WebhookSigner
{
    /// <summary>Lowercase hex, identical to <c>echo -n "${TS}|${BODY}" | openssl dgst -sha256 -hmac "$SECRET"</c>.</summary>
    public static string SignClawdbot(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[WebhookMacs.Size];
        WebhookMacs.Clawdbot(WebhookMacs.TextKey(secret), FormatTimestamp(unixSeconds), body, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>A single <c>webhook-signature</c> entry: <c>v1,&lt;base64&gt;</c>.</summary>
    public static string SignStandard(string secret, string messageId, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        Span<byte> mac = stackalloc byte[WebhookMacs.Size];
        WebhookMacs.Standard(WebhookMacs.StandardKey(secret), messageId, FormatTimestamp(unixSeconds), body, mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>The <c>X-Hub-Signature-256</c> value Meta sends: <c>sha256=&lt;hex&gt;</c>.</summary>
    public static string SignMeta(string appSecret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        Span<byte> mac = stackalloc byte[WebhookMacs.Size];
        WebhookMacs.Meta(WebhookMacs.TextKey(appSecret), body, mac);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    private static string FormatTimestamp(long unixSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unixSeconds);
        return unixSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
