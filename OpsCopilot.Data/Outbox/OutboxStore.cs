using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Outbox;

/// <summary>
/// The outbox's database operations (functions of migration 0006). Claiming looks across tenants through a
/// SECURITY DEFINER function; completing and failing run under the caller's tenant, so use a context whose
/// tenant is the row's. The lease (locked_until as claimed) guards every write-back.
/// </summary>
public static class OutboxStore
{
    /// <summary>Claims up to <paramref name="batchSize"/> due rows (queued and due, or sending with an expired lease).</summary>
    public static async Task<IReadOnlyList<Notification>> ClaimAsync(OpsDbContext db, int batchSize, TimeSpan lease, CancellationToken cancellationToken) =>
        await db.Notifications
            .FromSql($"SELECT * FROM ops.claim_notifications({batchSize}, {lease})")
            .IgnoreQueryFilters()
            .AsNoTracking()
            .ToListAsync(cancellationToken);

    /// <summary>Marks the row sent. False: the lease is no longer ours, someone else owns the outcome.</summary>
    public static async Task<bool> CompleteAsync(OpsDbContext db, Guid id, DateTimeOffset lease, string? providerMessageId, CancellationToken cancellationToken) =>
        (await db.Database
            .SqlQuery<bool>($"SELECT ops.complete_notification({id}, {lease.ToUniversalTime()}, {providerMessageId}) AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();

    /// <summary>Records a failed attempt: retry later (queued), wait for an operator (failed) or give up (dead).</summary>
    public static async Task<bool> FailAsync(OpsDbContext db, Guid id, DateTimeOffset lease, string status, string? error,
        TimeSpan retryIn, bool countAttempt, CancellationToken cancellationToken) =>
        (await db.Database
            .SqlQuery<bool>($"SELECT ops.fail_notification({id}, {lease.ToUniversalTime()}, {status}, {error}, {retryIn}, {countAttempt}) AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();

    /// <summary>Hands a claimed row back unsent, keeping its attempts and last error.</summary>
    public static Task<bool> ReleaseAsync(OpsDbContext db, Guid id, DateTimeOffset lease, TimeSpan retryIn, CancellationToken cancellationToken) =>
        FailAsync(db, id, lease, NotificationStatus.Queued, null, retryIn, countAttempt: false, cancellationToken);

    /// <summary>The runbook's drain (failed → queued, due now) for one tenant, or every tenant the context can see.</summary>
    public static async Task<int> DrainFailedAsync(OpsDbContext db, int? tenantId, CancellationToken cancellationToken) =>
        (await db.Database
            .SqlQuery<int>($"SELECT ops.drain_failed_notifications({tenantId}::integer) AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();

    /// <summary>Counts by status across tenants, for the gauges: metric is "notifications" or "drafts".</summary>
    public static async Task<IReadOnlyList<StatusCount>> SnapshotAsync(OpsDbContext db, CancellationToken cancellationToken) =>
        await db.Database
            .SqlQuery<StatusCount>($"SELECT metric AS \"Metric\", status AS \"Status\", count AS \"Count\" FROM ops.operations_snapshot()")
            .ToListAsync(cancellationToken);
}

public sealed record StatusCount(string Metric, string Status, long Count);
