using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Data.Drafts;

/// <summary>
/// The draft state machine (docs/drafts.md). Exactly-once is decided by PostgreSQL: one conditional UPDATE claims
/// PENDING_CONFIRM → COMMITTING and holds the row lock; the action's effects, COMMITTED and DRAFT_COMMITTED commit in
/// that same transaction, so a crash leaves nothing or everything. A concurrent confirm or cancel waits on the row lock
/// and then answers with the stored outcome. A decision made in the console is told to the dispatcher who asked, in the
/// decision's transaction; a decision by the dispatcher's own message is told by the webhook's reply.
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

    /// <summary>A confirm from the console or the API: the dispatcher who asked is told the outcome on WhatsApp.</summary>
    public Task<DraftDecision> ConfirmAsync(Guid draftId, Guid? confirmedBy, CancellationToken cancellationToken) =>
        ConfirmAsync(draftId, confirmedBy, DecisionChannel.Console, cancellationToken);

    /// <summary>A cancel from the console or the API: the dispatcher who asked is told on WhatsApp.</summary>
    public Task<DraftDecision> CancelAsync(Guid draftId, Guid? cancelledBy, CancellationToken cancellationToken) =>
        CancelAsync(draftId, cancelledBy, DecisionChannel.Console, cancellationToken);

    public async Task<DraftDecision> ConfirmAsync(Guid draftId, Guid? confirmedBy, DecisionChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            return await CommitAsync(draftId, confirmedBy, channel, cancellationToken) ?? await ReadDecisionAsync(draftId, cancellationToken);
        }
        catch (Exception ex) when (ex is OpsException or DbUpdateException or InvalidOperationException or Npgsql.PostgresException
                                   && !DatabaseFailures.IsUnavailable(ex))
        {
            // The claim and every effect rolled back with the unit: the draft is PENDING_CONFIRM as before.
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Commit of draft {DraftId} failed; it is pending again", draftId);
            return await RecordFailedCommitAsync(draftId, ex.Message, cancellationToken);
        }
    }

    /// <summary>Claim, effects, COMMITTED, DRAFT_COMMITTED and the requester's message: one transaction (or savepoint).</summary>
    /// <returns>Null when the claim found the draft not pending: someone else decided (or it is stuck), nothing was done.</returns>
    private async Task<DraftDecision?> CommitAsync(Guid draftId, Guid? confirmedBy, DecisionChannel channel, CancellationToken cancellationToken)
    {
        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        var claimed = await ClaimAsync(draftId, DraftStatus.Committing, confirmedBy, cancellationToken);
        if (claimed is null) return null;
        if (claimed == DraftStatus.Expired) return await FinishExpiredAsync(unit, draftId, cancellationToken);

        var draft = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId, cancellationToken);
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

        string? told = null;
        if (channel == DecisionChannel.Console)
        {
            var outcome = result["reply"]?.GetValue<string>() ?? ConversationReplies.Done;
            var by = await RequesterMessages.ConsoleUserAsync(db, confirmedBy, cancellationToken);
            told = await RequesterMessages.TellAsync(db, draft, DecisionReplies.ConfirmedInConsole(outcome, by), cancellationToken);
        }
        await unit.CommitAsync(cancellationToken);
        // Read back what is stored, so the first answer is byte-for-byte what every repeat gets.
        return await ReadDecisionAsync(draftId, cancellationToken) with { DecidedNow = true, RequesterTold = told };
    }

    public async Task<DraftDecision> CancelAsync(Guid draftId, Guid? cancelledBy, DecisionChannel channel, CancellationToken cancellationToken)
    {
        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        var claimed = await ClaimAsync(draftId, DraftStatus.Cancelled, cancelledBy, cancellationToken);
        if (claimed is null) return await ReadDecisionAsync(draftId, cancellationToken);
        if (claimed == DraftStatus.Expired) return await FinishExpiredAsync(unit, draftId, cancellationToken);

        var draft = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId, cancellationToken);
        db.Record(EventTypes.DraftCancelled, new { draft_id = draftId, by = cancelledBy }, draft.ThreadId);
        await db.SaveChangesAsync(cancellationToken);
        string? told = null;
        if (channel == DecisionChannel.Console)
        {
            var by = await RequesterMessages.ConsoleUserAsync(db, cancelledBy, cancellationToken);
            told = await RequesterMessages.TellAsync(db, draft, DecisionReplies.CancelledInConsole(DecisionReplies.Question(draft.Preview), by), cancellationToken);
        }
        await unit.CommitAsync(cancellationToken);
        return await ReadDecisionAsync(draftId, cancellationToken) with { DecidedNow = true, RequesterTold = told };
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

    /// <summary>
    /// The one conditional UPDATE that decides: a pending draft becomes <paramref name="decided"/>, or EXPIRED when its
    /// time is up. It takes the row lock until the caller's transaction ends, so a concurrent decision waits here and
    /// then, re-checking the condition, finds the draft decided.
    /// </summary>
    /// <returns>The status it set, or null when the draft was not pending (decided already, or stuck COMMITTING).</returns>
    private async Task<string?> ClaimAsync(Guid draftId, string decided, Guid? by, CancellationToken cancellationToken)
    {
        var claimed = await db.QueryColumnAsync<string>(
            "UPDATE ops.drafts SET status = CASE WHEN expires_at > now() THEN @p1 ELSE 'EXPIRED' END, " +
            "confirmed_by = CASE WHEN expires_at > now() THEN @p2 ELSE confirmed_by END, updated_at = now() " +
            "WHERE id = @p0 AND status = 'PENDING_CONFIRM' RETURNING status",
            [draftId, decided, by], cancellationToken);
        return claimed.SingleOrDefault();
    }

    private async Task<DraftDecision> FinishExpiredAsync(UnitOfWork unit, Guid draftId, CancellationToken cancellationToken)
    {
        db.Record(EventTypes.DraftExpired, new { draft_id = draftId }, await ThreadOfAsync(draftId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return await ReadDecisionAsync(draftId, cancellationToken) with { DecidedNow = true };
    }

    /// <summary>
    /// The action failed and its transaction rolled back, so the draft is pending and may be confirmed again; the error
    /// is kept in a small transaction of its own (or a savepoint of the message's).
    /// </summary>
    private async Task<DraftDecision> RecordFailedCommitAsync(Guid draftId, string error, CancellationToken cancellationToken)
    {
        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        var recorded = await db.Database.ExecuteSqlRawAsync(
            "UPDATE ops.drafts SET commit_error = {1}, updated_at = now() WHERE id = {0} AND status = 'PENDING_CONFIRM'",
            [draftId, error], cancellationToken);
        if (recorded == 1)
        {
            db.Record(EventTypes.DraftCommitError, new { draft_id = draftId, error }, await ThreadOfAsync(draftId, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
        await unit.CommitAsync(cancellationToken);
        var decision = await ReadDecisionAsync(draftId, cancellationToken);
        return decision with { Error = error };
    }

    public async Task<DraftDecision> ReadDecisionAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            ?? throw OpsException.NotFound("Draft");
        return new DraftDecision(draft.Id, draft.Status, draft.CommitResult is null ? null : JsonNode.Parse(draft.CommitResult), draft.CommitError);
    }

    private Task<Guid?> ThreadOfAsync(Guid draftId, CancellationToken cancellationToken) =>
        db.Drafts.Where(d => d.Id == draftId).Select(d => d.ThreadId).SingleOrDefaultAsync(cancellationToken);
}
