namespace OpsCopilot.Data.Conversations.Understanding;

/// <param name="TemplateKey">Key of a template present in the context.</param>
/// <param name="AllDrivers">The dispatcher addressed everyone; <paramref name="Recipients"/> is then empty.</param>
/// <param name="Recipients">Drivers resolved from names in the message, in the order they were named.</param>
/// <param name="UnresolvedNames">Names written as recipients that match no driver (or more than one).</param>
/// <param name="Date">Day in the tenant's time zone, when the message states one.</param>
/// <param name="Time">Local time of day, when the message states one.</param>
/// <param name="Params">
/// Template params known from the message alone; per-recipient ones such as driver_name are filled later.
/// Dates are "dd.MM.yyyy" and times "HH:mm".
/// </param>
public sealed record BroadcastRequest(
    string TemplateKey,
    bool AllDrivers,
    IReadOnlyList<DriverRef> Recipients,
    IReadOnlyList<string> UnresolvedNames,
    DateOnly? Date,
    TimeOnly? Time,
    IReadOnlyDictionary<string, string> Params);
