using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Web.Components.Shared;

namespace OpsCopilot.Web.Features.Audit;

/// <summary>The Audit page's read: a page of events (AuditQueries) told as sentences with names (EventNarrator).</summary>
public sealed class AuditLines(AuditQueries queries, EventNarrator narrator)
{
    public async Task<Page<EventLine>> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var events = await queries.PageAsync(filter, (page - 1) * pageSize, pageSize, cancellationToken);
        var lines = await narrator.NarrateAsync(events.Items, cancellationToken);
        return new Page<EventLine>(lines, events.Count, page, pageSize, events.CountCapped);
    }
}
