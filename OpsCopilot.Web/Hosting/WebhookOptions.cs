using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Hosting;

public sealed class WebhookOptions
{
    public const string Section = "OpsCopilot:Webhook";

    /// <summary>CLAWDBOT_WEBHOOK_SECRET: required outside Development.</summary>
    public string? Secret { get; set; }

    /// <summary>CLAWDBOT_WEBHOOK_SECRET_PREVIOUS: also accepted while set (rotation).</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>CLAWDBOT_HMAC_TOLERANCE_SECONDS.</summary>
    [Range(1, 3600)]
    public int ToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// For an asynchronous gateway: also queue every reply in the outbox (sent by the worker, retried if the gateway
    /// is down). The webhook response still carries the reply either way.
    /// </summary>
    public bool RepliesViaOutbox { get; set; }

    /// <summary>Largest accepted request body.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
