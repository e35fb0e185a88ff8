using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Conversations;

/// <summary>The first delivery's answer, replayed to every duplicate.</summary>
public sealed record IngestOriginal(Guid? ThreadId, string? Reply);

/// <summary>
/// ops.ingest_dedup through the functions of migration 0003. Call them inside the message's transaction: the
/// unique index decides which delivery is first, and a rollback releases the key again.
/// </summary>
public static class IngestLedger
{
    /// <summary>Records the key (and message id); true when either was already recorded, i.e. a duplicate.</summary>
    public static async Task<bool> IsDuplicateAsync(OpsDbContext db, string idempotencyKey, string waUserId, string? messageId,
        CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<bool>($"""
            SELECT ops.check_and_record_idempotency({idempotencyKey}::text, {waUserId}::text, NULL::integer, {messageId}::text) AS "Value"
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }

    public static async Task<IngestOriginal> OriginalAsync(OpsDbContext db, string idempotencyKey, string? messageId,
        CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<IngestOriginal>($"""
            SELECT thread_id AS "ThreadId", response ->> 'reply' AS "Reply" FROM ops.ingest_outcome({idempotencyKey}::text, {messageId}::text)
            """).ToListAsync(cancellationToken);
        return rows.SingleOrDefault() ?? new IngestOriginal(null, null);
    }

    public static Task RecordOutcomeAsync(OpsDbContext db, string idempotencyKey, ConversationOutcome outcome,
        CancellationToken cancellationToken)
    {
        var response = JsonSerializer.Serialize(new Dictionary<string, string> { ["reply"] = outcome.Reply });
        return db.Database.ExecuteSqlAsync($"""
            SELECT ops.record_ingest_outcome({idempotencyKey}::text, {outcome.TenantId}::integer, {outcome.ThreadId}::uuid, {response}::jsonb)
            """, cancellationToken);
    }

    /// <summary>
    /// The runbook's manual unblock (docs/runbooks.md, webhook §6) for every tenant (ops.unblock_message, audited per tenant). Operators only: the
    /// runtime role may not call it, so use an owner connection (the CLI's unblock-message).
    /// </summary>
    public static async Task<int> UnblockAcrossTenantsAsync(OpsDbContext db, string messageId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<int>($"""
            SELECT ops.unblock_message({messageId}::text) AS "Value"
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }
}
