using System.Globalization;
using System.Text.Json;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>One corpus line, with relative dates already turned into days for a given arrival instant.</summary>
public sealed record CorpusExpectation(
    string Text,
    MessageIntent Intent,
    string? Otp,
    bool HasPlateField,
    string? Plate,
    IReadOnlyList<string> TitleContains,
    string? TemplateKey,
    bool AllRecipients,
    IReadOnlyList<string> RecipientNames,
    DateOnly? Date,
    TimeOnly? Time,
    int? TicketNumber,
    string? Route = null)
{
    public static CorpusExpectation Parse(string json, DateOnly today)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var recipients = root.TryGetProperty("recipients", out var r) ? r : default;
        return new CorpusExpectation(
            root.GetProperty("text").GetString()!,
            IntentOf(root.GetProperty("intent").GetString()!),
            OptionalString(root, "otp"),
            root.TryGetProperty("plate", out _),
            OptionalString(root, "plate"),
            root.TryGetProperty("title_contains", out var titleWords)
                ? titleWords.EnumerateArray().Select(w => w.GetString()!).ToList()
                : [],
            OptionalString(root, "template_key"),
            recipients.ValueKind == JsonValueKind.String && recipients.GetString() == "ALL",
            recipients.ValueKind == JsonValueKind.Array ? recipients.EnumerateArray().Select(n => n.GetString()!).ToList() : [],
            OptionalString(root, "date") is { } date ? ExpectedDate(date, today) : null,
            OptionalString(root, "time") is { } time ? TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture) : null,
            root.TryGetProperty("ticket_number", out var number) ? number.GetInt32() : null,
            OptionalString(root, "route"));
    }

    /// <summary>"+1d" = days after today, "next:monday" = next such day after today, "DD.MM." = this year or next.</summary>
    public static DateOnly ExpectedDate(string spec, DateOnly today)
    {
        if (spec.StartsWith('+') && spec.EndsWith('d'))
        {
            return today.AddDays(int.Parse(spec[1..^1], CultureInfo.InvariantCulture));
        }

        if (spec.StartsWith("next:", StringComparison.Ordinal))
        {
            var day = Enum.Parse<DayOfWeek>(spec["next:".Length..], ignoreCase: true);
            var next = today.AddDays(1);
            while (next.DayOfWeek != day)
            {
                next = next.AddDays(1);
            }

            return next;
        }

        var parts = spec.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var date = new DateOnly(today.Year, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[0], CultureInfo.InvariantCulture));
        return date < today ? date.AddYears(1) : date;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static MessageIntent IntentOf(string intent) => intent switch
    {
        "pair" => MessageIntent.Pair,
        "confirm" => MessageIntent.Confirm,
        "cancel" => MessageIntent.Cancel,
        "help" => MessageIntent.Help,
        "create_ticket" => MessageIntent.CreateTicket,
        "send_broadcast" => MessageIntent.SendBroadcast,
        "ticket_status" => MessageIntent.TicketStatus,
        "unknown" => MessageIntent.Unknown,
        "stop" => MessageIntent.Stop,
        "start" => MessageIntent.Start,
        _ => throw new InvalidDataException($"Corpus intent '{intent}' is not known to the tests."),
    };
}
