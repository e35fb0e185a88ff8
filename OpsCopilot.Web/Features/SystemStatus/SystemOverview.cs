using Microsoft.Extensions.Options;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations;
using OpsCopilot.Web.Features.Operations.Metrics;
using OpsCopilot.Web.Features.Simulator;

namespace OpsCopilot.Web.Features.SystemStatus;

/// <summary>The System page's read-only views of this host: its instruments and its (redacted) configuration.</summary>
public sealed class SystemOverview(
    PrometheusMetrics metrics,
    OperationsGauges gauges,
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<OutboxOptions> outbox,
    IOptions<SimulatorOptions> simulator)
{
    public string EnvironmentName => environment.EnvironmentName;

    /// <summary>When the outbox-depth and draft gauges were last re-counted (they lag the database by up to that interval).</summary>
    public DateTimeOffset? GaugesRefreshedAt => gauges.RefreshedAt;

    public IReadOnlyList<MetricRow> Metrics() => MetricsOverview.From(metrics.Snapshot());

    public IReadOnlyList<ConfigurationRow> Configuration() => ConfigurationSummary.Build(configuration, new Dictionary<string, string>
    {
        ["OpsCopilot:Outbox:Sender"] = outbox.Value.EffectiveSender(environment)?.ToString() ?? "none (the worker stays off)",
        ["OpsCopilot:Simulator:Enabled"] = simulator.Value.Enabled ? "true" : "false",
    });
}
