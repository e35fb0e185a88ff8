using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Web.Features.Dashboard;

public sealed record DashboardCounts(int PendingDrafts, int StuckDrafts, int OpenTickets, int FailedNotifications, int PairedIdentities, int MessagesToday);

public sealed class DashboardService(OpsDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(60);

    public async Task<DashboardCounts> CountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stuckBefore = now - StuckAfter;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new DashboardCounts(
            await db.Drafts.CountAsync(d => d.Status == DraftStatus.PendingConfirm && d.ExpiresAt > now, cancellationToken),
            await db.Drafts.CountAsync(d => d.Status == DraftStatus.Committing && d.UpdatedAt < stuckBefore, cancellationToken),
            await db.Tickets.CountAsync(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress, cancellationToken),
            await db.Notifications.CountAsync(n => n.Status == NotificationStatus.Failed || n.Status == NotificationStatus.Dead, cancellationToken),
            await db.Identities.CountAsync(i => i.Status == IdentityStatus.Active, cancellationToken),
            await db.Events.CountAsync(e => e.EventType == EventTypes.MessageIn && e.CreatedAt >= today, cancellationToken));
    }

    public async Task<IReadOnlyList<OpsEvent>> LatestEventsAsync(int count, CancellationToken cancellationToken) =>
        await db.Events.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
}
