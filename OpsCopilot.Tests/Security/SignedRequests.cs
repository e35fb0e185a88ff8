using System.Globalization;
using System.Text;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

/// <summary>Builds header sets the way the gateways send them.</summary>
internal static class SignedRequests
{
    public const long Now = 1_732_241_234;
    public const string Secret = "sk_live_abc123";
    public const string OtherSecret = "sk_live_other";
    public const string MessageId = "msg_2kLhYz0aXbQwEr";
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    public static byte[] Body { get; } =
        Encoding.UTF8.GetBytes("""{"from":"whatsapp:436641234567","body":"Duplicate test","message_id":"msg_dedup_001"}""");

    public static WebhookSignatureVerifier Verifier(long nowUnixSeconds = Now) =>
        new(FixedTimeProvider.AtUnixSeconds(nowUnixSeconds));

    public static WebhookSecrets Secrets(string current = Secret, string? previous = null) => new(current, previous);

    public static Dictionary<string, string?> Clawdbot(string secret = Secret, long timestamp = Now, byte[]? body = null) =>
        new()
        {
            [WebhookHeaders.ClawdbotTimestamp] = Text(timestamp),
            [WebhookHeaders.ClawdbotSignature] = WebhookSigner.SignClawdbot(secret, timestamp, body ?? Body),
        };

    public static Dictionary<string, string?> Standard(string secret = Secret, long timestamp = Now, byte[]? body = null, string messageId = MessageId) =>
        new()
        {
            [WebhookHeaders.StandardId] = messageId,
            [WebhookHeaders.StandardTimestamp] = Text(timestamp),
            [WebhookHeaders.StandardSignature] = WebhookSigner.SignStandard(secret, messageId, timestamp, body ?? Body),
        };

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static byte[] WithOneByteChanged(byte[] body)
    {
        var changed = (byte[])body.Clone();
        changed[changed.Length / 2] ^= 0x01;
        return changed;
    }
}
