using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Operations;

public sealed class MonitoringOptions
{
    public const string Section = "OpsCopilot:Monitoring";

    /// <summary>How often the outbox-depth and draft gauges are re-counted (one small query across tenants).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>ops.verify_ops_copilot_integrity() runs at start and then this often; any FAIL raises an alert.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IntegrityCheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Serve GET /metrics (Prometheus text format, no authentication: counts only, no personal data).</summary>
    public bool MetricsEndpoint { get; set; } = true;
}
