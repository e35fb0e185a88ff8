namespace OpsCopilot.Data.Security;

/// <summary>Which signing scheme authenticated a request.</summary>
public enum WebhookScheme
{
    None,
    Clawdbot,
    StandardWebhooks,
    Meta,
}
