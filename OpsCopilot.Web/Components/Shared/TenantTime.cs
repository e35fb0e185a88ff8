using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>Times as the tenant's office reads them (its time zone, e.g. Europe/Vienna), for one circuit.</summary>
public sealed class TenantTime(TenantOperations operations)
{
    private TimeZoneInfo? zone;

    /// <summary>For component tests: a circuit whose zone is already known.</summary>
    public TenantTime(TenantOperations operations, TimeZoneInfo zone) : this(operations) => this.zone = zone;

    public TimeZoneInfo Zone => zone ?? TimeZoneInfo.Utc;

    public async Task<TimeZoneInfo> LoadAsync()
    {
        if (zone is not null) return zone;
        var tenantId = operations.TenantId;
        var id = await operations.RunAsync<OpsDbContext, string?>(db =>
            db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Timezone).SingleOrDefaultAsync());
        return zone = TenantCalendar.FindZone(id ?? "");
    }

    public string Format(DateTimeOffset value) => Format(value, Zone);

    /// <summary>The zone as the office names it: "Vienna" for Europe/Vienna.</summary>
    public string ZoneName => NameOf(Zone);

    public static string NameOf(TimeZoneInfo zone) =>
        zone.Id.Contains('/', StringComparison.Ordinal) ? zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ') : zone.Id;

    /// <summary>"Europe/Vienna, UTC+01:00" at that moment (summer time included): the title of a shown time.</summary>
    public string Describe(DateTimeOffset value)
    {
        var offset = Zone.GetUtcOffset(value);
        return $"{Zone.Id}, UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }

    /// <summary>Minutes, no seconds: "2026-12-07 14:03" (today: "14:03"), in the tenant's zone.</summary>
    public string FormatShort(DateTimeOffset value, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(value, Zone);
        var today = TimeZoneInfo.ConvertTime(now, Zone).Date;
        return local.Date == today
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>For a time that may not have happened yet (last seen, consent): "—" when it has not.</summary>
    public string FormatOrDash(DateTimeOffset? value) => value is { } when ? Format(when) : "—";

    public static string Format(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date/time picked in the console means the office's wall clock; queries take it in UTC.</summary>
    public DateTimeOffset FromLocal(DateTime local) => FromLocal(local, Zone);

    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
