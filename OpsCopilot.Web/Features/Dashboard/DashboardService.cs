using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Web.Features.Dashboard;

public sealed record DashboardCounts(int PendingDrafts, int StuckDrafts, int OpenTickets, int FailedNotifications, int PairedIdentities, int MessagesToday);

public sealed class DashboardService(OpsDbContext db, DraftRecoveryService recovery, TimeProvider clock)
{
    public async Task<DashboardCounts> CountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenantId = db.Tenant.Required;
        var zoneId = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Timezone).SingleOrDefaultAsync(cancellationToken);
        var today = StartOfLocalDay(now, TenantCalendar.FindZone(zoneId ?? ""));
        return new DashboardCounts(
            await db.Drafts.CountAsync(d => d.Status == DraftStatus.PendingConfirm && d.ExpiresAt > now, cancellationToken),
            await recovery.CountStuckAsync(cancellationToken),
            await db.Tickets.CountAsync(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress, cancellationToken),
            await db.Notifications.CountAsync(n => n.Status == NotificationStatus.Failed || n.Status == NotificationStatus.Dead, cancellationToken),
            await db.Identities.CountAsync(i => i.Status == IdentityStatus.Active, cancellationToken),
            await db.Events.CountAsync(e => e.EventType == EventTypes.MessageIn && e.CreatedAt >= today, cancellationToken));
    }

    public async Task<IReadOnlyList<OpsEvent>> LatestEventsAsync(int count, CancellationToken cancellationToken) =>
        await db.Events.AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>"Today" is the office's day: midnight in the tenant's time zone.</summary>
    public static DateTimeOffset StartOfLocalDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        // In UTC: PostgreSQL's timestamptz parameters take no other offset.
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
