namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>The tenant's local day, which is what "heute" and "morgen" are counted from.</summary>
public static class TenantCalendar
{
    public static DateOnly LocalDate(InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var local = TimeZoneInfo.ConvertTime(context.ReceivedAt, FindZone(context.TimeZoneId));
        return DateOnly.FromDateTime(local.DateTime);
    }

    // An unknown zone id must not make every message unreadable; UTC is off by at most a day near midnight.
    public static TimeZoneInfo FindZone(string timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? zone
            : TimeZoneInfo.Utc;
}
