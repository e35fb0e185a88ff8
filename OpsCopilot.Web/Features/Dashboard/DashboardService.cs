using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Web.Components.Shared;

namespace OpsCopilot.Web.Features.Dashboard;

/// <param name="PendingDrafts">Waiting for a decision (not yet expired).</param>
/// <param name="StuckDrafts">COMMITTING for too long: a person must recover them.</param>
/// <param name="FailedNotifications">Outbox rows failed or dead: a person must look and re-queue.</param>
/// <param name="CodesExpiringSoon">Pairing codes still unused that expire within <see cref="DashboardService.SoonWindow"/>.</param>
/// <param name="NextCodeExpiry">When the first of those expires.</param>
public sealed record DashboardCounts(int PendingDrafts, int StuckDrafts, int OpenTickets, int FailedNotifications, int PairedIdentities,
    int MessagesToday, int CodesExpiringSoon = 0, DateTimeOffset? NextCodeExpiry = null);

/// <summary>Messages of one hour of the office's day (hour 0–23 in the tenant's zone).</summary>
public sealed record HourlyTraffic(int Hour, int Inbound, int Outbound);

public sealed class DashboardService(OpsDbContext db, DraftRecoveryService recovery, EventNarrator narrator, TimeProvider clock)
{
    public static readonly TimeSpan SoonWindow = TimeSpan.FromMinutes(5);

    public async Task<DashboardCounts> CountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = StartOfLocalDay(now, await ZoneAsync(cancellationToken));
        var soon = now + SoonWindow;
        var expiring = await db.PairingInvites
            .Where(i => i.Status == InviteStatus.Pending && i.ExpiresAt > now && i.ExpiresAt <= soon)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), First = g.Min(i => i.ExpiresAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return new DashboardCounts(
            await db.Drafts.CountAsync(d => d.Status == DraftStatus.PendingConfirm && d.ExpiresAt > now, cancellationToken),
            await recovery.CountStuckAsync(cancellationToken),
            await db.Tickets.CountAsync(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress, cancellationToken),
            await db.Notifications.CountAsync(n => n.Status == NotificationStatus.Failed || n.Status == NotificationStatus.Dead, cancellationToken),
            await db.Identities.CountAsync(i => i.Status == IdentityStatus.Active, cancellationToken),
            await db.Events.CountAsync(e => e.EventType == EventTypes.MessageIn && e.CreatedAt >= today, cancellationToken),
            expiring?.Count ?? 0,
            expiring?.First);
    }

    /// <summary>Today's WhatsApp traffic per hour of the office's day, in and out, up to the current hour.</summary>
    public async Task<IReadOnlyList<HourlyTraffic>> TodayByHourAsync(CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = StartOfLocalDay(now, zone);
        var tenantId = db.Tenant.Required;
        // Grouped in PostgreSQL (one row per hour and direction), walking ix_events_tenant_created from midnight on.
        var rows = await db.Database.SqlQuery<HourCount>($"""
            SELECT extract(hour FROM created_at AT TIME ZONE {zone.Id})::int AS "Hour", event_type AS "EventType", count(*)::int AS "Count"
            FROM ops.events
            WHERE tenant_id = {tenantId} AND created_at >= {today} AND event_type IN ('MESSAGE_IN', 'MESSAGE_OUT')
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
        var currentHour = TimeZoneInfo.ConvertTime(now, zone).Hour;
        return Enumerable.Range(0, currentHour + 1).Select(hour => new HourlyTraffic(hour,
            rows.Where(r => r.Hour == hour && r.EventType == EventTypes.MessageIn).Sum(r => r.Count),
            rows.Where(r => r.Hour == hour && r.EventType == EventTypes.MessageOut).Sum(r => r.Count))).ToList();
    }

    public async Task<IReadOnlyList<OpsEvent>> LatestEventsAsync(int count, CancellationToken cancellationToken) =>
        await db.Events.AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>The newest events as sentences with names.</summary>
    public async Task<IReadOnlyList<EventLine>> LatestEventLinesAsync(int count, CancellationToken cancellationToken) =>
        await narrator.NarrateAsync(await LatestEventsAsync(count, cancellationToken), cancellationToken);

    private async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        var zoneId = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Timezone).SingleOrDefaultAsync(cancellationToken);
        return TenantCalendar.FindZone(zoneId ?? "");
    }

    /// <summary>"Today" is the office's day: midnight in the tenant's time zone.</summary>
    public static DateTimeOffset StartOfLocalDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        // In UTC: PostgreSQL's timestamptz parameters take no other offset.
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private sealed class HourCount
    {
        public int Hour { get; init; }
        public string EventType { get; init; } = "";
        public int Count { get; init; }
    }
}
