using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Notifications;

public sealed class GatewayOptions
{
    public const string Section = "OpsCopilot:Gateway";

    /// <summary>The gateway's send endpoint (POST, JSON).</summary>
    [Url]
    public string? SendUrl { get; set; }

    /// <summary>Signs outbound requests like the inbound webhook. Unset: the webhook secret (CLAWDBOT_WEBHOOK_SECRET).</summary>
    public string? Secret { get; set; }

    /// <summary>The number the gateway sends from: sends are paced per number.</summary>
    public string? SenderNumber { get; set; }

    /// <summary>One request may take this long.</summary>
    [Range(100, 120_000)]
    public int TimeoutMs { get; set; } = 10_000;
}
