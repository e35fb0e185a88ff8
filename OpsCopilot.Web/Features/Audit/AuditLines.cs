using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Web.Components.Shared;

namespace OpsCopilot.Web.Features.Audit;

/// <summary>One page of the audit trail as sentences, and whether its count stopped at the cap.</summary>
public sealed record AuditLinePage(Page<EventLine> Page, bool CountCapped);

/// <summary>The Audit page's read: a page of events (AuditQueries) told as sentences with names (EventNarrator).</summary>
public sealed class AuditLines(AuditQueries queries, EventNarrator narrator)
{
    public async Task<AuditLinePage> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var events = await queries.PageAsync(filter, (page - 1) * pageSize, pageSize, cancellationToken);
        var lines = await narrator.NarrateAsync(events.Items, cancellationToken);
        return new AuditLinePage(new Page<EventLine>(lines, events.Count, page, pageSize), events.CountCapped);
    }
}
