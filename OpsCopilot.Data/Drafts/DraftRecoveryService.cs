using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Data.Drafts;

/// <summary>The runbook's crash handling (docs/runbooks.md, pilot §5) as audited operations: find stuck drafts, show evidence, reset or fail.</summary>
public sealed class DraftRecoveryService(OpsDbContext db, IOptions<DraftOptions> options, TimeProvider clock)
{
    public const string ResetReason = "Reset from COMMITTING after crash";
    public const string FailedReason = "Crash during commit - manual verification required";

    private readonly DraftOptions settings = options.Value;

    public async Task<IReadOnlyList<Draft>> ListStuckAsync(CancellationToken cancellationToken) =>
        await Stuck().OrderBy(d => d.UpdatedAt).Take(500).ToListAsync(cancellationToken);

    public Task<int> CountStuckAsync(CancellationToken cancellationToken) => Stuck().CountAsync(cancellationToken);

    /// <summary>The runbook's detection: COMMITTING for longer than the stuck threshold (60 s).</summary>
    public bool IsStuck(Draft draft) =>
        draft.Status == DraftStatus.Committing && draft.UpdatedAt < clock.GetUtcNow() - settings.StuckAfter;

    private IQueryable<Draft> Stuck()
    {
        var stuckBefore = clock.GetUtcNow() - settings.StuckAfter;
        return db.Drafts.AsNoTracking().Where(d => d.Status == DraftStatus.Committing && d.UpdatedAt < stuckBefore);
    }

    public async Task<DraftEvidence> GetEvidenceAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            ?? throw OpsException.NotFound("Draft");
        var ticketNumber = await db.Tickets.Where(t => t.DraftId == draftId).Select(t => (int?)t.TicketNumber).SingleOrDefaultAsync(cancellationToken);
        var notifications = await db.Notifications.CountAsync(n => n.DraftId == draftId, cancellationToken);
        var events = await DraftEvents.Of(db, draftId).AsNoTracking().OrderBy(e => e.Id).Take(200).ToListAsync(cancellationToken);
        return new DraftEvidence(draftId, draft.Status, ticketNumber, notifications, events);
    }

    /// <summary>Option A: back to PENDING_CONFIRM (with a fresh expiry so it can really be confirmed).</summary>
    public Task<DraftEvidence> ResetAsync(Guid draftId, Guid? by, CancellationToken cancellationToken) =>
        RecoverAsync(draftId, by, DraftStatus.PendingConfirm, ResetReason, EventTypes.DraftReset, cancellationToken);

    /// <summary>Option B: FAILED, for when the action may have partly happened.</summary>
    public Task<DraftEvidence> MarkFailedAsync(Guid draftId, Guid? by, string? reason, CancellationToken cancellationToken) =>
        RecoverAsync(draftId, by, DraftStatus.Failed, string.IsNullOrWhiteSpace(reason) ? FailedReason : reason.Trim(), EventTypes.DraftFailed, cancellationToken);

    private async Task<DraftEvidence> RecoverAsync(Guid draftId, Guid? by, string newStatus, string reason, string eventType,
        CancellationToken cancellationToken)
    {
        if (reason.Length > 500) throw OpsException.Invalid("reason", "The reason must be at most 500 characters.");
        var evidence = await GetEvidenceAsync(draftId, cancellationToken);
        var stuckBefore = clock.GetUtcNow() - settings.StuckAfter;

        await using var transaction = await UnitOfWork.BeginAsync(db, cancellationToken);
        // Only a draft that is still COMMITTING and stuck: resetting a commit in flight could run the action twice.
        var changed = await db.Database.ExecuteSqlRawAsync(
            "UPDATE ops.drafts SET status = {1}, commit_error = {2}, updated_at = now(), " +
            "expires_at = CASE WHEN {1} = 'PENDING_CONFIRM' THEN greatest(expires_at, now() + {3}::interval) ELSE expires_at END " +
            "WHERE id = {0} AND status = 'COMMITTING' AND updated_at < {4}",
            [draftId, newStatus, reason, $"{settings.ExpiryMinutes} minutes", stuckBefore], cancellationToken);
        if (changed == 0)
            throw OpsException.Conflict($"Draft {draftId} is {evidence.Status}, not stuck in COMMITTING for over {settings.StuckAfterSeconds} s.");

        var draft = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId, cancellationToken);
        db.Record(eventType, new
        {
            draft_id = draftId, by, reason,
            evidence = new { ticket_number = evidence.TicketNumber, notifications = evidence.NotificationCount, commit_event = evidence.CommitEventExists },
        }, draft.ThreadId);
        await db.SaveChangesAsync(cancellationToken);
        // The dispatcher was told "being executed" when they asked: now they learn what became of it, and a reset draft
        // is again the one their CONFIRM reaches.
        await RequesterMessages.TellAsync(db, draft, newStatus == DraftStatus.PendingConfirm
            ? DecisionReplies.ResetByOffice(draft.Preview)
            : DecisionReplies.FailedByOffice(DecisionReplies.Question(draft.Preview)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetEvidenceAsync(draftId, cancellationToken);
    }
}
