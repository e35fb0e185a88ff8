namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>What the interpreter may know about the sender's tenant when reading a message.</summary>
/// <param name="TimeZoneId">IANA id such as "Europe/Vienna"; relative dates are days in this zone.</param>
/// <param name="ReceivedAt">When the message arrived; "morgen" means the day after this instant's local date.</param>
/// <param name="Drivers">The tenant's active drivers that names are matched against.</param>
/// <param name="Templates">The tenant's broadcast templates in any approval state; only these can be chosen.</param>
public sealed record InterpretationContext(
    string TimeZoneId,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<DriverRef> Drivers,
    IReadOnlyList<TemplateRef> Templates);
