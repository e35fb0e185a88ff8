using System.Reflection;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Search;

namespace OpsCopilot.Data.Audit;

/// <summary>What the audit page filters by; every part is optional. The range is [From, To).</summary>
/// <param name="Search">Free text: what was written, a plate, a title, a person's name, email or phone number.</param>
public sealed record AuditFilter(string? EventType = null, Guid? DraftId = null, Guid? ThreadId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Search = null);

/// <summary>One page of events, newest first, and how many match — exactly up to the cap, beyond it "cap+".</summary>
public sealed record AuditEventPage(IReadOnlyList<OpsEvent> Items, int Count, bool CountCapped);

/// <summary>
/// ops.events for the audit page (and the bench's console measurement, which is why it lives in Data). It stays fast with hundreds of thousands of events: the page is one
/// ORDER BY created_at DESC, id DESC … LIMIT that walks ix_events_tenant_created (tenant_id, created_at DESC,
/// id DESC) from the newest entry, and the count stops at <see cref="CountCap"/> + 1 rows instead of scanning all.
/// A search asks ops.search_events once for the newest <see cref="CountCap"/> + 1 matching ids (trigram index on the
/// events' text, people by name or number first) and pages those.
/// </summary>
public sealed class AuditQueries(OpsDbContext db)
{
    public const int CountCap = Paging.CountCap;
    public const int MaxPageSize = 100;

    /// <summary>Every event type the product records (EventTypes' constants), sorted.</summary>
    public static IReadOnlyList<string> EventTypeNames { get; } = typeof(EventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();

    public async Task<AuditEventPage> PageAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        if (skip < 0) throw OpsException.Invalid("skip", "skip must not be negative.");
        if (take is < 1 or > MaxPageSize) throw OpsException.Invalid("take", $"take must be between 1 and {MaxPageSize}.");
        if (SearchText.Parse(filter.Search) is { } search) return await SearchPageAsync(filter, search, skip, take, cancellationToken);
        var matching = Matching(filter);
        var items = await Newest(matching).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var (total, capped) = await Newest(matching).CountCappedAsync(cancellationToken);
        return new AuditEventPage(items, total, capped);
    }

    private async Task<AuditEventPage> SearchPageAsync(AuditFilter filter, SearchText search, int skip, int take, CancellationToken cancellationToken)
    {
        Validate(filter);
        var people = await db.FindPeopleAsync(search, cancellationToken);
        var ids = await db.SearchEventIdsAsync(new EventSearch(
            [search.Pattern, .. people.IdPatterns], people.ThreadIds, CountCap + 1,
            filter.EventType is { Length: > 0 } type ? [type] : null, filter.ThreadId, filter.DraftId, filter.From, filter.To), cancellationToken);
        var pageIds = ids.Skip(skip).Take(take).ToList();
        var events = await db.Events.AsNoTracking().Where(e => pageIds.Contains(e.Id)).ToListAsync(cancellationToken);
        var items = events.OrderBy(e => pageIds.IndexOf(e.Id)).ToList();
        return new AuditEventPage(items, Math.Min(ids.Count, CountCap), ids.Count > CountCap);
    }

    /// <summary>The page query without paging, for tests that inspect the SQL and its plan.</summary>
    public IQueryable<OpsEvent> Newest(AuditFilter filter) => Newest(Matching(filter));

    private static IOrderedQueryable<OpsEvent> Newest(IQueryable<OpsEvent> events) =>
        events.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);

    private static void Validate(AuditFilter filter)
    {
        if (filter.EventType is { Length: > 0 } type && !EventTypeNames.Contains(type))
            throw OpsException.Invalid("event_type", $"Unknown event type {type}.");
        if (filter is { From: { } from, To: { } to } && from >= to)
            throw OpsException.Invalid("to", "The end of the time range must be after its start.");
    }

    private IQueryable<OpsEvent> Matching(AuditFilter filter)
    {
        Validate(filter);

        // The draft id lives in the payload: the shared query reaches it through the partial index ix_events_draft_id.
        var events = filter.DraftId is { } draftId ? DraftEvents.Of(db, draftId) : db.Events;
        events = events.AsNoTracking();
        if (filter.EventType is { Length: > 0 } eventType) events = events.Where(e => e.EventType == eventType);
        if (filter.ThreadId is { } threadId) events = events.Where(e => e.ThreadId == threadId);
        if (filter.From is { } start) events = events.Where(e => e.CreatedAt >= start);
        if (filter.To is { } end) events = events.Where(e => e.CreatedAt < end);
        return events;
    }
}
