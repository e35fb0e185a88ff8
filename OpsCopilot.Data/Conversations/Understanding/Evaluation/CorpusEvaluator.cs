using System.Globalization;

namespace OpsCopilot.Data.Conversations.Understanding.Evaluation;

/// <summary>One corpus line as read: what was expected, what the interpreter said, and why it is a miss (if it is).</summary>
public sealed record CorpusOutcome(CorpusLine Line, string ReadIntent, IReadOnlyList<string> Differences, string Reading)
{
    public bool IsHit => Differences.Count == 0;
}

/// <summary>
/// Compares readings with corpus lines the way shared/corpus/README.md defines it: the intent, and for that intent the
/// code, plate (letters and digits only, any case), title words, template, recipients (all subscribed drivers or the
/// named ones, nobody unresolved), date and time, or ticket number.
/// </summary>
public static class CorpusEvaluator
{
    public static async Task<IReadOnlyList<CorpusOutcome>> EvaluateAsync(
        IReadOnlyList<CorpusLine> lines, IMessageInterpreter interpreter, InterpretationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(interpreter);
        ArgumentNullException.ThrowIfNull(context);
        var today = TenantCalendar.LocalDate(context);
        var outcomes = new List<CorpusOutcome>(lines.Count);
        foreach (var line in lines)
        {
            var reading = await interpreter.ReadAsync(line.Text, context, cancellationToken);
            outcomes.Add(Compare(line, reading, today));
        }

        return outcomes;
    }

    public static CorpusOutcome Compare(CorpusLine line, MessageReading reading, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(reading);
        var readIntent = IntentName(reading.Intent);
        var differences = new List<string>();
        if (readIntent != line.Intent)
        {
            differences.Add($"intent {readIntent}, expected {line.Intent}");
        }
        else
        {
            switch (reading.Intent)
            {
                case MessageIntent.Pair:
                    Expect(differences, "otp", reading.Otp, line.Otp);
                    break;
                case MessageIntent.CreateTicket:
                    CompareTicket(line, reading.Ticket!, differences);
                    break;
                case MessageIntent.SendBroadcast:
                    CompareBroadcast(line, reading.Broadcast!, today, differences);
                    break;
                case MessageIntent.TicketStatus:
                    Expect(differences, "ticket_number", reading.TicketNumber?.ToString(CultureInfo.InvariantCulture),
                        line.TicketNumber?.ToString(CultureInfo.InvariantCulture));
                    break;
            }
        }

        return new CorpusOutcome(line, readIntent, differences, Describe(reading));
    }

    public static string IntentName(MessageIntent intent) => intent switch
    {
        MessageIntent.Pair => "pair",
        MessageIntent.Confirm => "confirm",
        MessageIntent.Cancel => "cancel",
        MessageIntent.Help => "help",
        MessageIntent.CreateTicket => "create_ticket",
        MessageIntent.SendBroadcast => "send_broadcast",
        MessageIntent.TicketStatus => "ticket_status",
        MessageIntent.Stop => "stop",
        MessageIntent.Start => "start",
        _ => "unknown",
    };

    /// <summary>Plates compare on letters and digits only, ignoring case ("S 123 AB" = "s-123ab").</summary>
    public static string? PlateKey(string? plate) =>
        plate is null ? null : string.Concat(plate.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static void CompareTicket(CorpusLine line, TicketRequest ticket, List<string> differences)
    {
        if (line.HasPlate)
        {
            Expect(differences, "plate", PlateKey(ticket.VehiclePlate), PlateKey(line.Plate));
        }

        foreach (var word in line.TitleContains.Where(w => !ticket.Title.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            differences.Add($"title '{ticket.Title}' lacks '{word}'");
        }

        if (ticket.Title.Length > TicketTitleBuilder.MaxTitleLength)
        {
            differences.Add($"title longer than {TicketTitleBuilder.MaxTitleLength} characters");
        }
    }

    private static void CompareBroadcast(CorpusLine line, BroadcastRequest broadcast, DateOnly today, List<string> differences)
    {
        if (line.TemplateKey is not null)
        {
            Expect(differences, "template_key", broadcast.TemplateKey, line.TemplateKey);
        }

        if (broadcast.UnresolvedNames.Count > 0)
        {
            differences.Add($"unresolved names {string.Join(", ", broadcast.UnresolvedNames)}");
        }

        var read = broadcast.AllDrivers ? "ALL" : string.Join(", ", broadcast.Recipients.Select(d => d.FullName).Order(StringComparer.Ordinal));
        var expected = line.AllRecipients ? "ALL" : string.Join(", ", (line.RecipientNames ?? []).Order(StringComparer.Ordinal));
        Expect(differences, "recipients", read, expected);
        Expect(differences, "date", broadcast.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            line.DateSpec is { } spec ? CorpusLine.ExpectedDate(spec, today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
        Expect(differences, "time", broadcast.Time?.ToString("HH:mm", CultureInfo.InvariantCulture), line.Time);
        if (line.Route is not null)
        {
            Expect(differences, "route", broadcast.Params.GetValueOrDefault("route"), line.Route);
        }
    }

    private static void Expect(List<string> differences, string field, string? read, string? expected)
    {
        if (!string.Equals(read, expected, StringComparison.Ordinal))
        {
            differences.Add($"{field} {read ?? "none"}, expected {expected ?? "none"}");
        }
    }

    private static string Describe(MessageReading reading) => reading.Intent switch
    {
        MessageIntent.Pair => $"pair {reading.Otp}",
        MessageIntent.CreateTicket when reading.Ticket is { } t => $"ticket '{t.Title}' plate {t.VehiclePlate ?? "none"}",
        MessageIntent.SendBroadcast when reading.Broadcast is { } b => string.Create(CultureInfo.InvariantCulture,
            $"broadcast {b.TemplateKey} to {(b.AllDrivers ? "ALL" : string.Join(" + ", b.Recipients.Select(d => d.FullName)))} date {b.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"} time {b.Time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "none"}{(b.UnresolvedNames.Count > 0 ? " unresolved " + string.Join(", ", b.UnresolvedNames) : "")}{(b.Params.TryGetValue("route", out var route) ? $" route '{route}'" : "")}"),
        MessageIntent.TicketStatus => $"status of ticket {reading.TicketNumber}",
        _ => IntentName(reading.Intent),
    };
}
