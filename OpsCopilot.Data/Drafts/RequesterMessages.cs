using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Data.Drafts;

/// <summary>
/// Tells the dispatcher who asked for a draft (its thread's WhatsApp number) what the office decided: a TEXT row in the
/// outbox and a MESSAGE_OUT in the thread, written in the caller's transaction, so the message exists exactly when the
/// decision does. A draft made in the console has no thread and nobody to tell.
/// </summary>
internal static class RequesterMessages
{
    public const string ConsoleChannel = "console";

    /// <returns>The text queued, or null when the draft has no WhatsApp requester.</returns>
    public static async Task<string?> TellAsync(OpsDbContext db, Draft draft, string text, CancellationToken cancellationToken)
    {
        if (draft.ThreadId is not { } threadId) return null;
        var phone = await db.Threads.Where(t => t.Id == threadId).Select(t => t.WaUserId).SingleOrDefaultAsync(cancellationToken);
        if (phone is null) return null;

        db.Notifications.Add(OutboxMessages.Text(draft.TenantId, phone, text));
        db.Record(EventTypes.MessageOut, new { reply = text, channel = ConsoleChannel, draft_id = draft.Id }, threadId);
        await db.SaveChangesAsync(cancellationToken);
        return text;
    }

    /// <summary>The console user as the dispatcher should read it (<see cref="DecisionReplies.ConsoleUser"/>).</summary>
    public static async Task<string> ConsoleUserAsync(OpsDbContext db, Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is not { } id) return DecisionReplies.ConsoleUser(null, null);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken);
        return DecisionReplies.ConsoleUser(user?.DisplayName, user?.Email);
    }
}
