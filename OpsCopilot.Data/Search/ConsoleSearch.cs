using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Search;

/// <summary>
/// The people a search names — users (display name or email) and drivers (name) of the tenant, or whoever has the
/// typed phone number — and the conversations that are theirs.
/// </summary>
public sealed record PeopleMatch(IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> DriverIds, IReadOnlyList<Guid> ThreadIds)
{
    public static readonly PeopleMatch None = new([], [], []);

    /// <summary>Events name people by id (by, user_id, driver_id): patterns that find those ids in the event's search text.</summary>
    public IEnumerable<string> IdPatterns => UserIds.Concat(DriverIds).Select(id => "%" + id.ToString() + "%");
}

/// <summary>What ops.search_events filters by, besides the text (see migration 0016).</summary>
public sealed record EventSearch(
    IReadOnlyList<string> Patterns, IReadOnlyList<Guid> PeopleThreads, int Limit,
    IReadOnlyList<string>? EventTypes = null, Guid? ThreadId = null, Guid? DraftId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// Free-text search for the console's lists, index-friendly: people are looked up in the tenant's small tables
/// (users, drivers, threads by their unique number), and the text of ops.events through its trigram index (via
/// ops.search_events, because under row-level security ILIKE cannot use an index).
/// </summary>
public static class ConsoleSearch
{
    /// <summary>A name as common as "a" must not turn into thousands of ids.</summary>
    public const int MaxPeople = 50;

    public static async Task<PeopleMatch> FindPeopleAsync(this OpsDbContext db, SearchText search, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        var pattern = search.Pattern;
        var phone = search.Phone;
        var users = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId && ((u.DisplayName != null && EF.Functions.ILike(u.DisplayName, pattern, LikePatterns.Escape))
                                                   || (u.Email != null && EF.Functions.ILike(u.Email, pattern, LikePatterns.Escape))))
            .OrderBy(u => u.Id).Select(u => u.Id).Take(MaxPeople).ToListAsync(cancellationToken);
        var drivers = await db.Drivers.AsNoTracking()
            .Where(d => EF.Functions.ILike(d.FullName, pattern, LikePatterns.Escape) || d.Phone == phone)
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.Phone }).Take(MaxPeople).ToListAsync(cancellationToken);
        if (phone is not null)
        {
            // A paired phone's user is that person too.
            users = users.Union(await db.Identities.AsNoTracking().Where(i => i.WaUserId == phone).Select(i => i.UserId).ToListAsync(cancellationToken)).ToList();
        }
        var phones = drivers.Select(d => d.Phone).Append(phone).OfType<string>().Distinct().ToList();
        var threads = phones.Count == 0 && users.Count == 0 ? [] : await db.Threads.AsNoTracking()
            .Where(t => phones.Contains(t.WaUserId)
                        || (t.IdentityId != null && db.Identities.Any(i => i.Id == t.IdentityId && users.Contains(i.UserId))))
            .OrderBy(t => t.Id).Select(t => t.Id).Take(MaxPeople).ToListAsync(cancellationToken);
        return new PeopleMatch(users, drivers.Select(d => d.Id).ToList(), threads);
    }

    /// <summary>The ids of the newest <see cref="EventSearch.Limit"/> matching events of the tenant, newest first.</summary>
    public static async Task<IReadOnlyList<long>> SearchEventIdsAsync(this OpsDbContext db, EventSearch search, CancellationToken cancellationToken)
    {
        var patterns = search.Patterns.ToArray();
        var threads = search.PeopleThreads.ToArray();
        var types = search.EventTypes?.ToArray();
        var draft = search.DraftId?.ToString();
        var from = search.From?.ToUniversalTime();
        var to = search.To?.ToUniversalTime();
        return await db.Database.SqlQuery<long>($"""
            SELECT s.id AS "Value"
            FROM ops.search_events({patterns}::text[], {threads}::uuid[], {types}::text[], {search.ThreadId}::uuid, {draft}::text,
                                   {from}::timestamptz, {to}::timestamptz, {search.Limit}) WITH ORDINALITY AS s(id, n)
            ORDER BY s.n
            """).ToListAsync(cancellationToken);
    }

    /// <summary>The conversations whose messages (in or out) contain the text, newest matches first, at most <paramref name="limit"/> messages looked at.</summary>
    public static async Task<IReadOnlyList<Guid>> ThreadsWithMessagesAsync(this OpsDbContext db, SearchText search, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.SearchEventIdsAsync(new EventSearch([search.Pattern], [], limit, [EventTypes.MessageIn, EventTypes.MessageOut]), cancellationToken);
        if (ids.Count == 0) return [];
        return await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id) && e.ThreadId != null)
            .Select(e => e.ThreadId!.Value).Distinct().ToListAsync(cancellationToken);
    }
}
