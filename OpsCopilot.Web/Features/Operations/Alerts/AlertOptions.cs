using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Operations.Alerts;

public sealed class AlertOptions
{
    public const string Section = "OpsCopilot:Alerts";

    /// <summary>ALERT_WEBHOOK_URL: critical failures are POSTed here as JSON. Unset: alerts are only logged.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>ALERT_WEBHOOK_TIMEOUT_MS: one POST may take this long before it is abandoned.</summary>
    [Range(100, 60_000)]
    public int TimeoutMs { get; set; } = 2000;

    /// <summary>At most one alert per key in this interval; repeats are logged but not posted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Alerts waiting to be posted; beyond this new alerts are dropped (and logged) rather than queued.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 100;
}
