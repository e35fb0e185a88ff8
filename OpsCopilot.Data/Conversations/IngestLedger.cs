using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Conversations;

/// <summary>The first delivery's answer, replayed to every duplicate.</summary>
public sealed record IngestOriginal(Guid? ThreadId, string? Reply);

/// <summary>Whether this delivery is the first (its keys are now recorded in the transaction) or a duplicate, and then the first's answer.</summary>
public sealed record IngestClaim(bool IsDuplicate, IngestOriginal? Original);

internal sealed record IngestClaimRow(bool Duplicate, Guid? ThreadId, string? Reply);

/// <summary>
/// ops.ingest_dedup through the runtime's functions of migration 0011. Call them inside the message's transaction:
/// the unique indexes (key, message id, hash of the signed content) decide which delivery is first, and a rollback
/// releases them again. No call names a tenant: the outcome takes the scope's.
/// </summary>
public static class IngestLedger
{
    /// <summary>
    /// Records the key, the message id and the hash of the signed content; when any of them was already recorded (a
    /// duplicate) answers with the first delivery's outcome instead, in the same round trip (migration 0021).
    /// </summary>
    public static async Task<IngestClaim> ClaimAsync(OpsDbContext db, IngestKeys keys, string waUserId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<IngestClaimRow>($"""
            SELECT duplicate AS "Duplicate", thread_id AS "ThreadId", reply AS "Reply"
            FROM ops.claim_ingest_key({keys.IdempotencyKey}::text, {waUserId}::text, {keys.MessageId}::text, {keys.ContentHash}::text)
            """).ToListAsync(cancellationToken);
        var row = rows.Single();
        return new IngestClaim(row.Duplicate, row.Duplicate ? new IngestOriginal(row.ThreadId, row.Reply) : null);
    }

    /// <summary>The first delivery's outcome, for a duplicate from the same sender.</summary>
    public static async Task<IngestOriginal> OriginalAsync(OpsDbContext db, IngestKeys keys, string waUserId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<IngestOriginal>($"""
            SELECT thread_id AS "ThreadId", response ->> 'reply' AS "Reply"
            FROM ops.ingest_outcome_for({keys.IdempotencyKey}::text, {keys.MessageId}::text, {keys.ContentHash}::text, {waUserId}::text)
            """).ToListAsync(cancellationToken);
        return rows.SingleOrDefault() ?? new IngestOriginal(null, null);
    }

    /// <summary>
    /// Stores the reply with the key this transaction recorded (the row takes the scope's tenant) and writes the
    /// reply's MESSAGE_OUT event, in one statement: both are the last writes of every processed message, so one round
    /// trip fewer on the ingest path (docs/benchmarks.md).
    /// </summary>
    public static Task RecordOutcomeAsync(OpsDbContext db, IngestKeys keys, ConversationOutcome outcome, CancellationToken cancellationToken)
    {
        var response = JsonSerializer.Serialize(new Dictionary<string, string> { ["reply"] = outcome.Reply });
        if (outcome.MessageOut is not { } reply)
        {
            return db.Database.ExecuteSqlAsync($"""
                SELECT ops.store_ingest_outcome({keys.IdempotencyKey}::text, {outcome.ThreadId}::uuid, {response}::jsonb)
                """, cancellationToken);
        }

        // A data-modifying WITH runs exactly once whether or not the SELECT reads it. The tenant_id is the second
        // layer the query filters give EF's statements; row-level security checks it against the scope's tenant.
        return db.Database.ExecuteSqlAsync($"""
            WITH message_out AS (
                INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
                VALUES ({reply.TenantId}, {reply.ThreadId}, {EventTypes.MessageOut}, {reply.Payload}::jsonb, {reply.CreatedAt})
            )
            SELECT ops.store_ingest_outcome({keys.IdempotencyKey}::text, {outcome.ThreadId}::uuid, {response}::jsonb)
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
