using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Audit;

/// <summary>
/// The events about one draft (its id is in the payload), for the audit page's draft filter and the recovery
/// evidence alike. <c>payload ? 'draft_id'</c> is the predicate of the partial index ix_events_draft_id: without it
/// PostgreSQL cannot use that index and reads every event of the tenant (a parallel sequential scan at 200,000).
/// <c>DraftEventsQueryShapeTests</c> proves the plan.
/// </summary>
public static class DraftEvents
{
    public static IQueryable<OpsEvent> Of(OpsDbContext db, Guid draftId) =>
        db.Events.FromSql($"SELECT * FROM ops.events WHERE payload ? 'draft_id' AND payload ->> 'draft_id' = {draftId.ToString()}");
}
