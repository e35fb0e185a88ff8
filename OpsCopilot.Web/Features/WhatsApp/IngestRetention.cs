using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.WhatsApp;

public sealed record RetentionResult(int DedupKeysPurged, int WebhookLogsPurged);

/// <summary>Purges idempotency keys past their retention and expired sampled payloads, in small batches.</summary>
public static class IngestRetention
{
    public const int BatchSize = 1000;

    public static async Task<RetentionResult> PurgeAsync(OpsDbContext db, TimeSpan keepDedupKeys, CancellationToken cancellationToken)
    {
        var dedup = await PurgeInBatchesAsync(() => db.Database.SqlQuery<int>(
            $"""SELECT ops.purge_ingest_dedup({keepDedupKeys}::interval, {BatchSize}) AS "Value" """), cancellationToken);
        var logs = await PurgeInBatchesAsync(() => db.Database.SqlQuery<int>(
            $"""SELECT ops.purge_webhook_logs({BatchSize}) AS "Value" """), cancellationToken);
        return new RetentionResult(dedup, logs);
    }

    private static async Task<int> PurgeInBatchesAsync(Func<IQueryable<int>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        int purged;
        do
        {
            purged = (await batch().ToListAsync(cancellationToken)).Single();
            total += purged;
        }
        while (purged == BatchSize);
        return total;
    }
}
