using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Search;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Conversations;

public sealed record ThreadSummary(
    Guid Id,
    string WaUserId,
    Guid? IdentityId,
    string? UserEmail,
    string? UserDisplayName,
    string State,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset UpdatedAt,
    string? DriverName = null);


public enum MessageDirection
{
    Inbound,
    Outbound,
}

/// <summary>
/// One message of a thread as its audit trail recorded it: MESSAGE_IN (what the sender wrote, as stored for the audit)
/// or MESSAGE_OUT (the copilot's reply). <paramref name="MessageId"/> is the gateway's id of an inbound message, or
/// of the message a reply answers.
/// </summary>
public sealed record ThreadMessage(long EventId, MessageDirection Direction, string? Text, string? MessageId, string? Channel, DateTimeOffset At);

/// <summary>Where a page of older messages starts: strictly before this event in (created_at, id) order.</summary>
public sealed record MessageCursor(DateTimeOffset At, long EventId);

/// <summary>Up to the requested number of a thread's messages, oldest first (newest last), and whether older ones exist.</summary>
public sealed record ThreadMessagePage(IReadOnlyList<ThreadMessage> Items, bool HasOlder)
{
    /// <summary>The cursor that loads the page before this one, or null if there is none.</summary>
    public MessageCursor? Older => HasOlder && Items.Count > 0 ? new MessageCursor(Items[0].At, Items[0].EventId) : null;
}

/// <summary>
/// Operator actions on the current tenant's conversations (the scope's tenant; row-level security enforces it):
/// list threads, reset a thread's chat state, let one message id be processed again. Each change is audited.
/// </summary>
public sealed class ConversationAdministration(OpsDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 100;
    public const int MaxMessagesPerPage = 200;
    /// <summary>How many of the newest matching messages a conversation search looks at.</summary>
    public const int SearchedMessages = 10_000;

    /// <summary>Newest inbound first; see the overload with a search.</summary>
    public Task<Page<ThreadSummary>> ListThreadsAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        ListThreadsAsync(null, page, pageSize, cancellationToken);

    /// <summary>
    /// The tenant's threads, newest inbound first, each with its sender's name (the paired user, or the driver with that
    /// number). A search finds a thread by its sender's phone number or name (user or driver), or by the text of its
    /// messages (the newest <see cref="SearchedMessages"/> matching messages, through the events' trigram index).
    /// </summary>
    public async Task<Page<ThreadSummary>> ListThreadsAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var threads = db.Threads.AsNoTracking();
        int total;
        var capped = false;
        if (SearchText.Parse(search) is { } text)
        {
            var people = await db.FindPeopleAsync(text, cancellationToken);
            var matching = people.ThreadIds.Union(await db.ThreadsWithMessagesAsync(text, SearchedMessages, cancellationToken)).ToList();
            threads = threads.Where(t => matching.Contains(t.Id));
            (total, capped) = await threads.OrderByDescending(t => t.LastInboundAt).ThenBy(t => t.Id).CountCappedAsync(cancellationToken);
        }
        else
        {
            // The whole list: the count the database keeps (migration 0022), one lookup however many threads.
            var kept = await db.ThreadCounts.AsNoTracking().Select(c => c.Threads).SingleOrDefaultAsync(cancellationToken);
            total = (int)Math.Min(kept, int.MaxValue);
        }
        var items = await Summaries(threads)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<ThreadSummary>(items, total, page, pageSize, capped);
    }

    /// <summary>One thread as the list shows it (a shared link may name one that is not on the list's page); null if there is none.</summary>
    public Task<ThreadSummary?> FindThreadAsync(Guid threadId, CancellationToken cancellationToken) =>
        Summaries(db.Threads.AsNoTracking().Where(t => t.Id == threadId)).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<ThreadSummary> Summaries(IQueryable<ConversationThread> threads) =>
        from thread in threads
        join identity in db.Identities on thread.IdentityId equals identity.Id into identities
        from identity in identities.DefaultIfEmpty()
        join user in db.Users on identity.UserId equals user.Id into users
        from user in users.DefaultIfEmpty()
        join driver in db.Drivers on thread.WaUserId equals driver.Phone into drivers
        from driver in drivers.DefaultIfEmpty()
        orderby thread.LastInboundAt descending, thread.Id
        select new ThreadSummary(thread.Id, thread.WaUserId, thread.IdentityId, user.Email, user.DisplayName, thread.State,
            thread.LastInboundAt, thread.UpdatedAt, driver.FullName);

    /// <summary>The newest messages of this tenant's conversation with <paramref name="waUserId"/>; empty if there is none.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> RecentMessagesWithAsync(string waUserId, int take, CancellationToken cancellationToken)
    {
        var threadId = await db.Threads.Where(t => t.WaUserId == waUserId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        return threadId is { } id ? (await ListMessagesAsync(id, take, null, cancellationToken)).Items : [];
    }

    /// <summary>
    /// The newest <paramref name="take"/> messages of a thread (before <paramref name="before"/>, if given), returned
    /// oldest first. One ORDER BY created_at DESC, id DESC … LIMIT on ix_events_thread (thread_id, created_at DESC), so a
    /// long conversation never loads whole; a thread of another tenant has no messages here (row-level security).
    /// </summary>
    public async Task<ThreadMessagePage> ListMessagesAsync(Guid threadId, int take, MessageCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxMessagesPerPage);

        var newestFirst = await MessagesNewestFirst(threadId, before).Take(take + 1).ToListAsync(cancellationToken);
        var items = newestFirst.Take(take).Reverse().Select(ToMessage).ToList();
        return new ThreadMessagePage(items, HasOlder: newestFirst.Count > take);
    }

    /// <summary>The messages query without its limit, for tests that inspect the SQL and its plan.</summary>
    public IQueryable<OpsEvent> MessagesNewestFirst(Guid threadId, MessageCursor? before)
    {
        var events = db.Events.AsNoTracking()
            .Where(e => e.ThreadId == threadId && (e.EventType == EventTypes.MessageIn || e.EventType == EventTypes.MessageOut));
        if (before is { } cursor)
            events = events.Where(e => e.CreatedAt < cursor.At || (e.CreatedAt == cursor.At && e.Id < cursor.EventId));
        return events.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);
    }

    private static ThreadMessage ToMessage(OpsEvent e)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        var root = payload.RootElement;
        string? Text(string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        return e.EventType == EventTypes.MessageIn
            ? new ThreadMessage(e.Id, MessageDirection.Inbound, Text("body"), Text("message_id"), Text("channel"), e.CreatedAt)
            : new ThreadMessage(e.Id, MessageDirection.Outbound, Text("reply"), Text("in_reply_to"), Text("channel"), e.CreatedAt);
    }

    /// <summary>Clears the chat state (docs/runbooks.md, webhook §6: "reset the chat state for a user"); false if no such thread.</summary>
    public async Task<bool> ResetThreadAsync(Guid threadId, Guid? actorUserId, string? reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var thread = await db.Threads.SingleOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null) return false;

        var previousState = thread.State;
        thread.State = "{}";
        thread.UpdatedAt = clock.GetUtcNow();
        db.Events.Add(new OpsEvent
        {
            TenantId = thread.TenantId,
            ThreadId = thread.Id,
            EventType = EventTypes.ThreadReset,
            Payload = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["thread_id"] = thread.Id,
                ["wa_user_id"] = PhoneNumbers.Mask(thread.WaUserId),
                ["previous_state"] = JsonDocument.Parse(previousState).RootElement,
                ["by"] = actorUserId,
                ["reason"] = reason,
            }),
            CreatedAt = thread.UpdatedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes this tenant's dedup row(s) for the message id (or idempotency key), so the gateway's next delivery of
    /// it is processed again. Returns how many were deleted. Messages of unpaired senders belong to no tenant: the
    /// CLI's unblock-message (ops.unblock_message) reaches those.
    /// </summary>
    public async Task<int> UnblockMessageAsync(string messageId, Guid? actorUserId, string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var tenantId = db.Tenant.Required;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.IngestDedup.Where(d => d.MessageId == messageId || d.IdempotencyKey == messageId)
            .Select(d => new { d.IdempotencyKey, d.ThreadId })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return 0;

        var deleted = await db.IngestDedup.Where(d => d.MessageId == messageId || d.IdempotencyKey == messageId)
            .ExecuteDeleteAsync(cancellationToken);
        var threadId = rows.Select(r => r.ThreadId).FirstOrDefault(id => id is not null);
        if (threadId is not null && !await db.Threads.AnyAsync(t => t.Id == threadId, cancellationToken)) threadId = null;

        db.Events.Add(new OpsEvent
        {
            TenantId = tenantId,
            ThreadId = threadId,
            EventType = EventTypes.IdempotencyUnblocked,
            Payload = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["message_id"] = messageId,
                ["idempotency_keys"] = rows.Select(r => r.IdempotencyKey).ToList(),
                ["source"] = source,
                ["by"] = actorUserId,
            }),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
