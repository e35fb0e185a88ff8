using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
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
    DateTimeOffset UpdatedAt);

public sealed record ThreadPage(IReadOnlyList<ThreadSummary> Items, int Page, int PageSize, int Total);

/// <summary>
/// Operator actions on the current tenant's conversations (the scope's tenant; row-level security enforces it):
/// list threads, reset a thread's chat state, let one message id be processed again. Each change is audited.
/// </summary>
public sealed class ConversationAdministration(OpsDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<ThreadPage> ListThreadsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var total = await db.Threads.CountAsync(cancellationToken);
        var items = await (
            from thread in db.Threads
            join identity in db.Identities on thread.IdentityId equals identity.Id into identities
            from identity in identities.DefaultIfEmpty()
            join user in db.Users on identity.UserId equals user.Id into users
            from user in users.DefaultIfEmpty()
            orderby thread.LastInboundAt descending, thread.Id
            select new ThreadSummary(thread.Id, thread.WaUserId, thread.IdentityId, user.Email, user.DisplayName, thread.State,
                thread.LastInboundAt, thread.UpdatedAt))
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new ThreadPage(items, page, pageSize, total);
    }

    /// <summary>Clears the chat state (the second runbook's "reset the chat state for a user"); false if no such thread.</summary>
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
    public async Task<int> UnblockMessageAsync(string messageId, Guid? actorUserId, CancellationToken cancellationToken)
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
                ["source"] = "console",
                ["by"] = actorUserId,
            }),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
