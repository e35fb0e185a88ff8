using System.Globalization;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Web.Features.Live;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations;
using OpsCopilot.Web.Features.Operations.Metrics;
using OpsCopilot.Web.Features.Operations.Retention;
using OpsCopilot.Web.Features.Planner;
using OpsCopilot.Web.Features.Simulator;
using OpsCopilot.Web.Features.WhatsApp;
using OpsCopilot.Web.Hosting;

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

    public IReadOnlyList<ConfigurationRow> Configuration()
    {
        var effective = new Dictionary<string, string>(Defaults, StringComparer.Ordinal)
        {
            ["OpsCopilot:Outbox:Sender"] = outbox.Value.EffectiveSender(environment)?.ToString() ?? "none (the worker stays off)",
            ["OpsCopilot:Simulator:Enabled"] = Text(simulator.Value.Enabled),
        };
        return ConfigurationSummary.Build(configuration, effective);
    }

    /// <summary>What an unset setting means: the options classes' own defaults, so the page never restates them by hand.</summary>
    private static readonly IReadOnlyDictionary<string, string> Defaults = BuildDefaults();

    private static Dictionary<string, string> BuildDefaults()
    {
        var webhook = new WebhookOptions();
        var outboxDefaults = new OutboxOptions();
        var retention = new RetentionOptions();
        var monitoring = new MonitoringOptions();
        var inbound = new InboundLogOptions();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database:RuntimeRole"] = new DatabaseOptions().RuntimeRole,
            ["OpsCopilot:Webhook:ToleranceSeconds"] = Text(webhook.ToleranceSeconds),
            ["OpsCopilot:Webhook:RepliesViaOutbox"] = Text(webhook.RepliesViaOutbox),
            ["OpsCopilot:Drafts:ExpiryMinutes"] = Text(new DraftOptions().ExpiryMinutes),
            ["OpsCopilot:Outbox:Enabled"] = Text(outboxDefaults.Enabled),
            ["OpsCopilot:Planner:Enabled"] = Text(new PlannerOptions().Enabled),
            ["OpsCopilot:Monitoring:MetricsEndpoint"] = Text(monitoring.MetricsEndpoint),
            ["OpsCopilot:Retention:Enabled"] = Text(retention.Enabled),
            ["OpsCopilot:Retention:IngestDedupDays"] = Text(retention.IngestDedupDays),
            ["OpsCopilot:Retention:NotificationDays"] = Text(retention.NotificationDays),
            ["OpsCopilot:InboundLog:SampleRate"] = inbound.SampleRate.ToString(CultureInfo.InvariantCulture),
            ["OpsCopilot:InboundLog:DebugSnapshot"] = Text(inbound.DebugSnapshot),
            ["OpsCopilot:ChangeFeed:Enabled"] = Text(new ChangeFeedOptions().Enabled),
        };
    }

    private static string Text(bool value) => value ? "true" : "false";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
