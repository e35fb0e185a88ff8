using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.Operations.Retention;

/// <param name="Ran">False when another instance (or an operator's CALL) held the retention lock.</param>
public sealed record RetentionResult(bool Ran, long IngestDedupPurged, long WebhookLogsPurged, long NotificationsPurged);

/// <summary>
/// The webhook runbook's retention (docs/runbooks.md, webhook §3): ingest dedup keys, expired webhook logs, old delivered notifications, in
/// bounded batches until nothing is left. A session advisory lock (the same key ops.wa_retention_purge()
/// takes) keeps instances from purging at once; deleting only what is past the cutoff makes it safe to repeat.
/// </summary>
public sealed partial class RetentionService(OpsDbContext db, IOptions<RetentionOptions> options, ILogger<RetentionService> logger,
    RetentionStatus? status = null, TimeProvider? clock = null)
{
    /// <summary>Shared with the procedure ops.wa_retention_purge() in 0006_outbox.sql.</summary>
    public const long AdvisoryLockKey = 7946001;

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A batch below 1 would never come back short, so the loop below would hold the lock forever.
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1, "OpsCopilot:Retention:BatchSize");
        // The lock is per session: keep one connection open from lock to unlock.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await ScalarAsync<bool>($"SELECT pg_try_advisory_lock({AdvisoryLockKey}) AS \"Value\"", cancellationToken))
            {
                LogSkipped();
                return new RetentionResult(false, 0, 0, 0);
            }

            long dedup = 0, logs = 0, notifications = 0;
            try
            {
                while (true)
                {
                    var batch = (await db.Database.SqlQuery<PurgeBatch>($"""
                        SELECT dedup_purged AS "Dedup", webhook_logs_purged AS "WebhookLogs", notifications_purged AS "Notifications"
                        FROM ops.wa_retention_purge_batch({settings.IngestDedupDays}, {settings.NotificationDays}, {settings.BatchSize})
                        """).ToListAsync(cancellationToken)).Single();
                    dedup += batch.Dedup;
                    logs += batch.WebhookLogs;
                    notifications += batch.Notifications;
                    if (batch.Dedup < settings.BatchSize && batch.WebhookLogs < settings.BatchSize && batch.Notifications < settings.BatchSize) break;
                }
            }
            finally
            {
                await ScalarAsync<bool>($"SELECT pg_advisory_unlock({AdvisoryLockKey}) AS \"Value\"", CancellationToken.None);
            }

            var result = new RetentionResult(true, dedup, logs, notifications);
            status?.Record((clock ?? TimeProvider.System).GetUtcNow(), result);
            LogDedupPurged(dedup, settings.IngestDedupDays);
            LogWebhookLogsPurged(logs);
            LogNotificationsPurged(notifications, settings.NotificationDays);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<T> ScalarAsync<T>(FormattableString sql, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<T>(sql).ToListAsync(cancellationToken)).Single();

    private sealed record PurgeBatch(int Dedup, int WebhookLogs, int Notifications);

    [LoggerMessage(EventId = 4400, EventName = "RETENTION_WA_EVENTS_PURGED", Level = LogLevel.Information,
        Message = "RETENTION_WA_EVENTS_PURGED {Count} ops.ingest_dedup row(s) older than {Days} days")]
    private partial void LogDedupPurged(long count, int days);

    [LoggerMessage(EventId = 4401, EventName = "RETENTION_WEBHOOK_LOGS_PURGED", Level = LogLevel.Information,
        Message = "RETENTION_WEBHOOK_LOGS_PURGED {Count} expired ops.webhook_logs row(s)")]
    private partial void LogWebhookLogsPurged(long count);

    [LoggerMessage(EventId = 4402, EventName = "RETENTION_NOTIFICATIONS_PURGED", Level = LogLevel.Information,
        Message = "RETENTION_NOTIFICATIONS_PURGED {Count} delivered ops.notifications row(s) older than {Days} days")]
    private partial void LogNotificationsPurged(long count, int days);

    [LoggerMessage(EventId = 4403, EventName = "RETENTION_SKIPPED", Level = LogLevel.Information,
        Message = "Retention skipped: another instance holds the retention lock")]
    private partial void LogSkipped();
}
