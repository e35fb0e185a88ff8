using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Web.Features.Operations.Retention;

namespace OpsCopilot.Web.Features.SystemStatus;

/// <summary>What the System page shows about retention: the settings, the cutoffs they mean now, the last run.</summary>
/// <param name="LastRun">The last purge this host ran (scheduled, after traffic, or from the console); null since start.</param>
public sealed record RetentionOverview(
    bool ScheduleEnabled,
    TimeSpan Interval,
    int IngestDedupDays,
    int NotificationDays,
    DateTimeOffset IngestDedupCutoff,
    DateTimeOffset NotificationCutoff,
    RetentionStatus.LastRun? LastRun);

/// <summary>
/// "Run retention now" for the console: the purge the webhook runbook runs by hand (docs/runbooks.md, webhook §3) (<c>call ops.wa_retention_purge()</c>),
/// through the same <see cref="RetentionService"/> the worker uses, recorded in the admin's audit trail.
/// </summary>
public sealed class ConsoleRetention(RetentionService retention, OpsDbContext db, IOptions<RetentionOptions> options, RetentionStatus status, TimeProvider clock)
{
    private const int BusyRetries = 10;
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(1);

    public RetentionOverview Overview()
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        return new RetentionOverview(settings.Enabled, settings.Interval, settings.IngestDedupDays, settings.NotificationDays,
            now.AddDays(-settings.IngestDedupDays), now.AddDays(-settings.NotificationDays), status.Latest);
    }

    public async Task<RetentionResult> RunNowAsync(Guid? by, CancellationToken cancellationToken)
    {
        var result = await retention.RunAsync(cancellationToken);
        // The worker runs after webhook traffic too; its bounded purge ends within moments, so an operator who asked
        // for a run gets one after it rather than a "busy" answer.
        for (var attempt = 1; !result.Ran && attempt <= BusyRetries; attempt++)
        {
            await Task.Delay(BusyRetryDelay, clock, cancellationToken);
            result = await retention.RunAsync(cancellationToken);
        }
        // The purge spans all tenants (it removes only what is past the cutoffs); the admin's own trail records who ran it.
        db.Record(EventTypes.RetentionRun, new
        {
            by,
            ran = result.Ran,
            ingest_dedup_purged = result.IngestDedupPurged,
            webhook_logs_purged = result.WebhookLogsPurged,
            notifications_purged = result.NotificationsPurged,
        });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
