namespace OpsCopilot.Data.Security;

public static class WebhookHeaders
{
    public const string ClawdbotTimestamp = "X-Clawdbot-Timestamp";
    public const string ClawdbotSignature = "X-Clawdbot-Signature";

    public const string StandardId = "webhook-id";
    public const string StandardTimestamp = "webhook-timestamp";
    public const string StandardSignature = "webhook-signature";

    public const string MetaSignature = "X-Hub-Signature-256";
}
