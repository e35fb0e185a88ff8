using System.Globalization;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// send_broadcast_draft(template_key, recipients, date?, time?, params?) checked against the tenant: the template
/// must be one of its templates, recipients are resolved against its drivers exactly as the rules resolve names,
/// dates and times are parsed in one format only, and params are shaped the way the rules shape them.
/// </summary>
public static class BroadcastDraftArguments
{
    private const int MaxKeyLength = 100;
    private const int MaxNameLength = 100;
    private const int MaxParamLength = 200;

    // "24.12." is next year at the latest; anything further out is a misread year.
    private const int MaxDaysAhead = 366;

    public static MessageReading Read(ToolArguments arguments, string message, InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var template = Template(arguments.RequiredString("template_key", MaxKeyLength), context);
        var date = arguments.OptionalString("date", MaxKeyLength) is { } day ? Date(day, context) : (DateOnly?)null;
        var time = arguments.OptionalString("time", MaxKeyLength) is { } clock ? Time(clock) : (TimeOnly?)null;
        var recipients = RecipientNames.Resolve(arguments.StringList("recipients", MaxNameLength), message, context.Drivers);
        var parameters = Params(template, arguments.StringMap("params", MaxParamLength), date, time);

        var broadcast = new BroadcastRequest(
            template.TemplateKey, recipients.AllDrivers, recipients.Drivers, recipients.UnresolvedNames, date, time, parameters);
        return new MessageReading(MessageIntent.SendBroadcast) { Broadcast = broadcast };
    }

    private static TemplateRef Template(string key, InterpretationContext context) =>
        context.Templates.FirstOrDefault(t => string.Equals(t.TemplateKey, key, StringComparison.OrdinalIgnoreCase))
        ?? throw new ToolArgumentException(context.Templates.Count == 0
            ? "This tenant has no templates; use answer_help."
            : $"There is no template {ToolArgumentException.Quote(key)}. Use one of: {string.Join(", ", context.Templates.Select(t => t.TemplateKey))}.");

    private static DateOnly Date(string text, InterpretationContext context)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new ToolArgumentException($"date {ToolArgumentException.Quote(text)} is not YYYY-MM-DD.");
        var today = TenantCalendar.LocalDate(context);
        if (date < today)
            throw new ToolArgumentException($"date {date:yyyy-MM-dd} is before today ({today:yyyy-MM-dd}).");
        if (date > today.AddDays(MaxDaysAhead))
            throw new ToolArgumentException($"date {date:yyyy-MM-dd} is more than a year ahead; check the year.");
        return date;
    }

    private static TimeOnly Time(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ToolArgumentException($"time {ToolArgumentException.Quote(text)} is not HH:mm.");

    /// <summary>
    /// Only the template's own params, with date and time taken from the checked date/time arguments in the rules'
    /// formats, and per-recipient ones (driver_name) left for the expansion, as <see cref="BroadcastParamsBuilder"/> does.
    /// </summary>
    private static Dictionary<string, string> Params(
        TemplateRef template, IReadOnlyDictionary<string, string> given, DateOnly? date, TimeOnly? time)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in template.ExpectedParams)
        {
            var value = TemplateParamKinds.Of(name) switch
            {
                TemplateParamKind.Date => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                TemplateParamKind.Time => time?.ToString("HH:mm", CultureInfo.InvariantCulture),
                TemplateParamKind.PerRecipient => null,
                _ => given.GetValueOrDefault(name),
            };
            if (value is not null)
                values[name] = value;
        }

        return values;
    }
}
