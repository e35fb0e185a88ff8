using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Drafts;

/// <summary>
/// The draft state machine (docs/drafts.md). Exactly-once is decided by PostgreSQL: one conditional UPDATE
/// claims PENDING_CONFIRM → COMMITTING; the action's effects, COMMITTED and DRAFT_COMMITTED commit in one
/// transaction; every other confirm re-reads and answers with the stored result.
/// </summary>
public sealed class DraftService(
    OpsDbContext db, IEnumerable<IDraftAction> actions, IOptions<DraftOptions> options, TimeProvider clock,
    ILogger<DraftService> logger)
{
    private readonly DraftOptions settings = options.Value;

    public async Task<Draft> CreateAsync(string actionType, JsonObject payload, string preview, Guid? threadId, Guid? createdBy,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var draft = new Draft
        {
            TenantId = db.Tenant.Required, ThreadId = threadId, ActionType = actionType, Payload = payload.ToJsonString(),
            Preview = preview, ExpiresAt = now + settings.Expiry, CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now,
        };
        db.Drafts.Add(draft);
        db.Record(EventTypes.DraftCreated, new { draft_id = draft.Id, action_type = actionType, preview }, threadId);
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    public async Task<DraftDecision> ConfirmAsync(Guid draftId, Guid? confirmedBy, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(draftId, cancellationToken);
        if (await ExpireIfDueAsync(draftId, cancellationToken)) return await ReadDecisionAsync(draftId, cancellationToken);

        var claimed = await db.Database.ExecuteSqlRawAsync(
            "UPDATE ops.drafts SET status = 'COMMITTING', confirmed_by = {1}, updated_at = now() " +
            "WHERE id = {0} AND status = 'PENDING_CONFIRM' AND expires_at > now()",
            [draftId, (object?)confirmedBy ?? DBNull.Value], cancellationToken);
        if (claimed == 0) return await WaitForDecisionAsync(draftId, cancellationToken);

        return await CommitClaimedAsync(draftId, cancellationToken);
    }

    public async Task<DraftDecision> CancelAsync(Guid draftId, Guid? cancelledBy, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(draftId, cancellationToken);
        if (await ExpireIfDueAsync(draftId, cancellationToken)) return await ReadDecisionAsync(draftId, cancellationToken);

        await using var transaction = await UnitOfWork.BeginAsync(db, cancellationToken);
        var cancelled = await db.Database.ExecuteSqlRawAsync(
            "UPDATE ops.drafts SET status = 'CANCELLED', confirmed_by = {1}, updated_at = now() WHERE id = {0} AND status = 'PENDING_CONFIRM'",
            [draftId, (object?)cancelledBy ?? DBNull.Value], cancellationToken);
        if (cancelled == 1)
        {
            var threadId = await ThreadOfAsync(draftId, cancellationToken);
            db.Record(EventTypes.DraftCancelled, new { draft_id = draftId, by = cancelledBy }, threadId);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return cancelled == 1 ? await ReadDecisionAsync(draftId, cancellationToken) : await WaitForDecisionAsync(draftId, cancellationToken);
    }

    /// <summary>Expires this tenant's overdue pending drafts; the sweeper calls it per tenant.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await UnitOfWork.BeginAsync(db, cancellationToken);
        var expired = await db.QueryColumnAsync<Guid>(
            "UPDATE ops.drafts SET status = 'EXPIRED', updated_at = now() WHERE status = 'PENDING_CONFIRM' AND expires_at <= now() RETURNING id",
            [], cancellationToken);
        foreach (var id in expired)
            db.Record(EventTypes.DraftExpired, new { draft_id = id }, await ThreadOfAsync(id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired.Count;
    }

    private async Task<DraftDecision> CommitClaimedAsync(Guid draftId, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await UnitOfWork.BeginAsync(db, cancellationToken);
            // Lock the row: a concurrent reset or fail waits, and must find COMMITTED afterwards.
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM ops.drafts WHERE id = {0} FOR UPDATE", [draftId], cancellationToken);
            var draft = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId, cancellationToken);
            if (draft.Status != DraftStatus.Committing) return await ReadDecisionAsync(draftId, cancellationToken);

            var action = actions.SingleOrDefault(a => a.ActionType == draft.ActionType)
                ?? throw OpsException.Conflict($"No executor for action type {draft.ActionType}.");
            var result = await action.ExecuteAsync(draft, cancellationToken);
            db.Record(EventTypes.DraftCommitted, new { draft_id = draftId, action_type = draft.ActionType, commit_result = result }, draft.ThreadId);
            await db.SaveChangesAsync(cancellationToken);

            var finished = await db.Database.ExecuteSqlRawAsync(
                "UPDATE ops.drafts SET status = 'COMMITTED', commit_result = {1}::jsonb, commit_error = NULL, updated_at = now() " +
                "WHERE id = {0} AND status = 'COMMITTING'",
                [draftId, result.ToJsonString()], cancellationToken);
            if (finished != 1) throw new InvalidOperationException($"Draft {draftId} left COMMITTING while it was being committed.");
            await transaction.CommitAsync(cancellationToken);
            // Read back what is stored, so the first answer is byte-for-byte what every repeat gets.
            return await ReadDecisionAsync(draftId, cancellationToken);
        }
        catch (Exception ex) when (ex is OpsException or DbUpdateException or InvalidOperationException or Npgsql.PostgresException)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Commit of draft {DraftId} failed; it is pending again", draftId);
            return await ReleaseAfterFailedCommitAsync(draftId, ex.Message, cancellationToken);
        }
    }

    /// <summary>The action did not happen (its transaction rolled back), so the draft may be confirmed again.</summary>
    private async Task<DraftDecision> ReleaseAfterFailedCommitAsync(Guid draftId, string error, CancellationToken cancellationToken)
    {
        await using var transaction = await UnitOfWork.BeginAsync(db, cancellationToken);
        var released = await db.Database.ExecuteSqlRawAsync(
            "UPDATE ops.drafts SET status = 'PENDING_CONFIRM', commit_error = {1}, updated_at = now() WHERE id = {0} AND status = 'COMMITTING'",
            [draftId, error], cancellationToken);
        if (released == 1)
        {
            db.Record(EventTypes.DraftCommitError, new { draft_id = draftId, error }, await ThreadOfAsync(draftId, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        var decision = await ReadDecisionAsync(draftId, cancellationToken);
        return decision with { Error = error };
    }

    private async Task<bool> ExpireIfDueAsync(Guid draftId, CancellationToken cancellationToken)
    {
        await using var transaction = await UnitOfWork.BeginAsync(db, cancellationToken);
        var expired = await db.Database.ExecuteSqlRawAsync(
            "UPDATE ops.drafts SET status = 'EXPIRED', updated_at = now() WHERE id = {0} AND status = 'PENDING_CONFIRM' AND expires_at <= now()",
            [draftId], cancellationToken);
        if (expired == 1)
        {
            db.Record(EventTypes.DraftExpired, new { draft_id = draftId }, await ThreadOfAsync(draftId, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return expired == 1;
    }

    /// <summary>A confirm that lost the claim waits for the winner, so both answer alike.</summary>
    private async Task<DraftDecision> WaitForDecisionAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(settings.ConcurrentConfirmWaitSeconds);
        while (true)
        {
            var decision = await ReadDecisionAsync(draftId, cancellationToken);
            if (decision.Status != DraftStatus.Committing || clock.GetUtcNow() >= deadline) return decision;
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }
    }

    public async Task<DraftDecision> ReadDecisionAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            ?? throw OpsException.NotFound("Draft");
        return new DraftDecision(draft.Id, draft.Status, draft.CommitResult is null ? null : JsonNode.Parse(draft.CommitResult), draft.CommitError);
    }

    private async Task EnsureExistsAsync(Guid draftId, CancellationToken cancellationToken)
    {
        if (!await db.Drafts.AnyAsync(d => d.Id == draftId, cancellationToken)) throw OpsException.NotFound("Draft");
    }

    private Task<Guid?> ThreadOfAsync(Guid draftId, CancellationToken cancellationToken) =>
        db.Drafts.Where(d => d.Id == draftId).Select(d => d.ThreadId).SingleOrDefaultAsync(cancellationToken);
}
