using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>The tenant the corpus lines assume (see shared/corpus/README.md).</summary>
public static class ReferenceWorld
{
    public const string TimeZoneId = "Europe/Vienna";

    public static readonly DriverRef MaxMustermann = new(new Guid("00000000-0000-0000-0000-000000000001"), "Max Mustermann");
    public static readonly DriverRef AnnaBerger = new(new Guid("00000000-0000-0000-0000-000000000002"), "Anna Berger");
    public static readonly DriverRef StefanHuber = new(new Guid("00000000-0000-0000-0000-000000000003"), "Stefan Huber");
    public static readonly DriverRef LeylaYilmaz = new(new Guid("00000000-0000-0000-0000-000000000004"), "Leyla Yilmaz");
    public static readonly DriverRef JanNowak = new(new Guid("00000000-0000-0000-0000-000000000005"), "Jan Nowak");

    // Active but not subscribed to broadcasts; subscription is filtered after understanding, so she is listed.
    public static readonly DriverRef PetraGruber = new(new Guid("00000000-0000-0000-0000-000000000006"), "Petra Gruber");

    public static readonly TemplateRef ShiftReminder = new("shift_reminder", ["driver_name", "date", "time"], []);
    public static readonly TemplateRef RouteChange = new("route_change", ["driver_name", "date", "route"], []);

    // Not approved; the interpreter still recognises it so the reply can refuse it clearly.
    public static readonly TemplateRef DepotClosure = new("depot_closure", ["driver_name", "date"], []);

    public static IReadOnlyList<DriverRef> Drivers { get; } =
        [MaxMustermann, AnnaBerger, StefanHuber, LeylaYilmaz, JanNowak, PetraGruber];

    public static IReadOnlyList<TemplateRef> Templates { get; } = [ShiftReminder, RouteChange, DepotClosure];

    /// <summary>Wednesday 14 January 2026, 19:45 in Vienna (winter time, UTC+1).</summary>
    public static readonly DateTimeOffset WinterWednesdayEvening = new(2026, 1, 14, 19, 45, 0, TimeSpan.FromHours(1));

    /// <summary>Sunday 12 July 2026, 08:15 in Vienna (summer time), given in UTC.</summary>
    public static readonly DateTimeOffset SummerSundayMorning = new(2026, 7, 12, 6, 15, 0, TimeSpan.Zero);

    /// <summary>Still 24 December in UTC but already Friday 25 December 00:30 in Vienna, so "24.12." is next year.</summary>
    public static readonly DateTimeOffset ChristmasNightAfterLocalMidnight = new(2026, 12, 24, 23, 30, 0, TimeSpan.Zero);

    public static InterpretationContext At(DateTimeOffset receivedAt) => new(TimeZoneId, receivedAt, Drivers, Templates);

    public static DateOnly LocalDay(DateTimeOffset receivedAt) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId)).DateTime);
}
