using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Features.Operations;

/// <summary>
/// Outbox depth and draft counts by status as observable gauges. Scrapes read the last snapshot, which
/// <see cref="OperationsGaugeRefresher"/> re-counts on an interval, so a busy scraper never loads the database.
/// </summary>
public sealed class OperationsGauges
{
    public const string MeterName = "OpsCopilot.Operations";

    private volatile IReadOnlyList<StatusCount> snapshot = [];

    public OperationsGauges(IMeterFactory meters, IntegrityStatus integrity)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("notify_outbox_depth", () => Observe("notifications", NotificationStatus.All),
            description: "Notifications in ops.notifications by status, all tenants.");
        meter.CreateObservableGauge("ops_drafts", () => Observe("drafts", DraftStatus.All),
            description: "Drafts in ops.drafts by status, all tenants.");
        meter.CreateObservableGauge("ops_integrity_failed_checks",
            () => integrity.Latest is { } latest ? [new Measurement<long>(latest.FailedChecks)] : Array.Empty<Measurement<long>>(),
            description: "FAIL rows of the latest ops.verify_ops_copilot_integrity().");
    }

    public DateTimeOffset? RefreshedAt { get; private set; }

    public async Task RefreshAsync(OpsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        snapshot = await OutboxStore.SnapshotAsync(db, cancellationToken);
        RefreshedAt = clock.GetUtcNow();
    }

    private IEnumerable<Measurement<long>> Observe(string metric, IReadOnlyList<string> statuses)
    {
        if (RefreshedAt is null) yield break;
        var counts = snapshot.Where(c => c.Metric == metric).ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal);
        foreach (var status in statuses.Union(counts.Keys))
            yield return new Measurement<long>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status));
    }
}

public sealed partial class OperationsGaugeRefresher(
    WorkerDatabase worker,
    OperationsGauges gauges,
    IOptionsMonitor<MonitoringOptions> options,
    TimeProvider clock,
    ILogger<OperationsGaugeRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Counts across tenants: the worker role's, never a request's.
                await using var db = worker.CreateContext();
                await gauges.RefreshAsync(db, clock, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(ex.Message);
            }

            try
            {
                await Task.Delay(options.CurrentValue.GaugeRefreshInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "The operations gauges could not be refreshed: {Reason}")]
    private partial void LogRefreshFailed(string reason);
}
