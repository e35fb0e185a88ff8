using System.Globalization;
using System.Text.Json;

namespace OpsCopilot.Data.Conversations.Understanding.Evaluation;

/// <summary>
/// One line of a corpus file in the schema of shared/corpus/README.md: the message and what the copilot must make of
/// it. Relative dates ("+1d", "next:monday", "24.12.") stay specs until <see cref="ExpectedDate"/> resolves them for the
/// day a message arrives. <see cref="Route"/> is an optional extension of the schema: the route param a route change
/// must carry, compared when the line has it.
/// </summary>
public sealed record CorpusLine(
    int LineNumber,
    string Text,
    string Intent,
    string? Otp,
    bool HasPlate,
    string? Plate,
    IReadOnlyList<string> TitleContains,
    string? TemplateKey,
    bool AllRecipients,
    IReadOnlyList<string>? RecipientNames,
    string? DateSpec,
    string? Time,
    int? TicketNumber,
    string? Route = null)
{
    public static readonly IReadOnlyList<string> Intents =
        ["pair", "confirm", "cancel", "help", "create_ticket", "send_broadcast", "ticket_status", "unknown", "stop", "start"];

    /// <summary>Reads every non-blank line; a line that breaks the schema is an error naming its number.</summary>
    public static IReadOnlyList<CorpusLine> ReadAll(string path)
    {
        var lines = new List<CorpusLine>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                lines.Add(Parse(number, raw));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {number}: {e.Message}", e);
            }
        }

        return lines;
    }

    public static CorpusLine Parse(int lineNumber, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var intent = root.GetProperty("intent").GetString() ?? throw new InvalidDataException("intent is null.");
        if (!Intents.Contains(intent))
        {
            throw new InvalidDataException($"intent '{intent}' is none of {string.Join(", ", Intents)}.");
        }

        var recipients = root.TryGetProperty("recipients", out var r) ? r : default;
        var time = OptionalString(root, "time");
        if (time is not null && !TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new InvalidDataException($"time '{time}' is not HH:mm.");
        }

        var line = new CorpusLine(
            lineNumber,
            root.GetProperty("text").GetString() ?? throw new InvalidDataException("text is null."),
            intent,
            OptionalString(root, "otp"),
            root.TryGetProperty("plate", out _),
            OptionalString(root, "plate"),
            root.TryGetProperty("title_contains", out var words) ? words.EnumerateArray().Select(w => w.GetString()!).ToList() : [],
            OptionalString(root, "template_key"),
            recipients.ValueKind == JsonValueKind.String && recipients.GetString() == "ALL",
            recipients.ValueKind == JsonValueKind.Array ? recipients.EnumerateArray().Select(n => n.GetString()!).ToList() : null,
            OptionalString(root, "date"),
            time,
            root.TryGetProperty("ticket_number", out var ticket) && ticket.ValueKind == JsonValueKind.Number ? ticket.GetInt32() : null,
            OptionalString(root, "route"));
        if (line.DateSpec is { } spec)
        {
            ExpectedDate(spec, new DateOnly(2026, 1, 14)); // validates the spec's shape now, not at the first comparison
        }

        return line;
    }

    /// <summary>"+1d" = days after today, "next:monday" = the next such day after today, "DD.MM." = this year or next.</summary>
    public static DateOnly ExpectedDate(string spec, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.StartsWith('+') && spec.EndsWith('d'))
        {
            return today.AddDays(int.Parse(spec[1..^1], NumberStyles.None, CultureInfo.InvariantCulture));
        }

        if (spec.StartsWith("next:", StringComparison.Ordinal))
        {
            var day = Enum.Parse<DayOfWeek>(spec["next:".Length..], ignoreCase: true);
            return RelativeDateReader.NextStrictlyAfter(today, day);
        }

        var parts = spec.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"date '{spec}' is none of +Nd, next:weekday, DD.MM.");
        }

        var date = new DateOnly(today.Year, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[0], CultureInfo.InvariantCulture));
        return date < today ? date.AddYears(1) : date;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
