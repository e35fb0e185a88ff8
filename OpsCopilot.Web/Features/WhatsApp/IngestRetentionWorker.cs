using Microsoft.Extensions.Options;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>
/// Runs <see cref="IngestRetention"/> every few minutes. Safe on several hosts at once: each batch skips rows another
/// host is deleting. Logs the runbook's RETENTION_WA_EVENTS_PURGED and RETENTION_WEBHOOK_LOGS_PURGED.
/// </summary>
public sealed partial class IngestRetentionWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<IngestOptions> options, TimeProvider clock, ILogger<IngestRetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            // Off (0) is re-checked every minute, so turning it on needs no restart.
            var interval = TimeSpan.FromMinutes(settings.RetentionSweepMinutes is 0 ? 1 : settings.RetentionSweepMinutes);
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (options.CurrentValue.RetentionSweepMinutes is 0) continue;
            await SweepOnceAsync(TimeSpan.FromDays(options.CurrentValue.DedupRetentionDays), stoppingToken);
        }
    }

    public async Task SweepOnceAsync(TimeSpan keepDedupKeys, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var result = await IngestRetention.PurgeAsync(db, keepDedupKeys, cancellationToken);
            LogDedupPurged(logger, result.DedupKeysPurged, keepDedupKeys.TotalDays);
            LogWebhookLogsPurged(logger, result.WebhookLogsPurged);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            LogSweepFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 9301, EventName = "RETENTION_WA_EVENTS_PURGED", Level = LogLevel.Information,
        Message = "RETENTION_WA_EVENTS_PURGED: {Count} idempotency keys older than {Days} days purged")]
    private static partial void LogDedupPurged(ILogger logger, int count, double days);

    [LoggerMessage(EventId = 9302, EventName = "RETENTION_WEBHOOK_LOGS_PURGED", Level = LogLevel.Information,
        Message = "RETENTION_WEBHOOK_LOGS_PURGED: {Count} expired inbound payload samples purged")]
    private static partial void LogWebhookLogsPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "Retention sweep skipped: database unavailable ({Error})")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
