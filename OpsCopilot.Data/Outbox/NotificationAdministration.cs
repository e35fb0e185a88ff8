using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Outbox;

public enum RetryOutcome
{
    Retried,
    NotFound,
    NotRetryable,
}

public sealed record RetryResult(RetryOutcome Outcome, Notification? Notification);

/// <summary>
/// The operator's view of the current tenant's outbox (API and console): pages by status, counts, retrying
/// one row, draining every failed row. Writes are audited as NOTIFICATIONS_DRAINED events.
/// </summary>
public sealed class NotificationAdministration(OpsDbContext db)
{
    public const int MaxPageSize = 200;

    public async Task<Page<Notification>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var query = db.Notifications.AsNoTracking();
        if (status is not null) query = query.Where(n => n.Status == status);
        return await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).ToPageAsync(page, pageSize, cancellationToken);
    }

    /// <summary>Every status, zero included, so a dashboard needs no special cases.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Notifications.GroupBy(n => n.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        return NotificationStatus.All.ToDictionary(s => s, s => counts.GetValueOrDefault(s), StringComparer.Ordinal);
    }

    public Task<Notification?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);

    /// <summary>
    /// A failed or dead row back to queued, due now. Like the runbook's drain it keeps retry_count, so a
    /// dead row gets one more attempt before it is given up again.
    /// </summary>
    public async Task<RetryResult> RetryAsync(Guid id, Guid? userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The database's clock decides when a row is due, as it does for the worker's claims.
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE ops.notifications SET status = 'queued', next_attempt_at = now()
            WHERE id = {id} AND status IN ('failed', 'dead')
            """, cancellationToken);
        var row = await FindAsync(id, cancellationToken);
        if (row is null) return new RetryResult(RetryOutcome.NotFound, null);
        if (updated == 0) return new RetryResult(RetryOutcome.NotRetryable, row);

        Audit(row.TenantId, new { count = 1, notification_id = id, draft_id = row.DraftId, source = "retry", user_id = userId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RetryResult(RetryOutcome.Retried, row);
    }

    /// <summary>The runbook's drain for this tenant, audited with the count.</summary>
    public async Task<int> DrainFailedAsync(Guid? userId, string source, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var drained = await OutboxStore.DrainFailedAsync(db, tenantId, cancellationToken);
        Audit(tenantId, new { count = drained, source, user_id = userId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return drained;
    }

    private void Audit(int tenantId, object payload) => db.Events.Add(new OpsEvent
    {
        TenantId = tenantId,
        EventType = EventTypes.NotificationsDrained,
        Payload = JsonSerializer.Serialize(payload),
    });
}
