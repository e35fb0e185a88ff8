using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>
/// The corpus tenant plus drivers that exercise name rules: umlauts (Jürgen Müller), a Turkish dotless i
/// (Leyla Yılmaz) and a second Anna, so "Anna" alone is ambiguous.
/// </summary>
public static class SampleTenant
{
    public static readonly DriverRef JuergenMueller = new(new Guid("00000000-0000-0000-0000-000000000101"), "Jürgen Müller");
    public static readonly DriverRef AnnaSchmid = new(new Guid("00000000-0000-0000-0000-000000000102"), "Anna Schmid");
    public static readonly DriverRef LeylaDotless = new(new Guid("00000000-0000-0000-0000-000000000103"), "Leyla Yılmaz");

    public static IReadOnlyList<DriverRef> Drivers { get; } =
    [
        ReferenceWorld.MaxMustermann, ReferenceWorld.AnnaBerger, ReferenceWorld.StefanHuber, ReferenceWorld.JanNowak,
        ReferenceWorld.PetraGruber, JuergenMueller, AnnaSchmid, LeylaDotless,
    ];

    /// <summary>Wednesday 14 January 2026, 19:45 Vienna.</summary>
    public static DateTimeOffset DefaultInstant => ReferenceWorld.WinterWednesdayEvening;

    public static InterpretationContext Context(
        DateTimeOffset? receivedAt = null, IReadOnlyList<TemplateRef>? templates = null, IReadOnlyList<DriverRef>? drivers = null) =>
        new(ReferenceWorld.TimeZoneId, receivedAt ?? DefaultInstant, drivers ?? Drivers, templates ?? ReferenceWorld.Templates);

    public static MessageReading Read(string text, DateTimeOffset? receivedAt = null, IReadOnlyList<TemplateRef>? templates = null) =>
        RuleBasedMessageInterpreter.Read(text, Context(receivedAt, templates));

    public static BroadcastRequest ReadBroadcast(string text, DateTimeOffset? receivedAt = null, IReadOnlyList<TemplateRef>? templates = null)
    {
        var reading = Read(text, receivedAt, templates);
        if (reading.Intent != MessageIntent.SendBroadcast || reading.Broadcast is null)
        {
            throw new InvalidOperationException($"\"{text}\" was read as {reading.Intent}, not as a broadcast.");
        }

        return reading.Broadcast;
    }

    public static TicketRequest ReadTicket(string text)
    {
        var reading = Read(text);
        if (reading.Intent != MessageIntent.CreateTicket || reading.Ticket is null)
        {
            throw new InvalidOperationException($"\"{text}\" was read as {reading.Intent}, not as a ticket request.");
        }

        return reading.Ticket;
    }
}
