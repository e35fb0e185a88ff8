using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>Times as the tenant's office reads them (its time zone, e.g. Europe/Vienna), for one circuit.</summary>
public sealed class TenantTime(TenantOperations operations)
{
    private TimeZoneInfo? zone;

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
