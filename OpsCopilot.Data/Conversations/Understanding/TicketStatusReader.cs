using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Recognises questions about an existing ticket ("Status Ticket #12", "Was ist mit Ticket 7?", "ticket 12 status").
/// A bare "#12" needs a status word; "Ticket 12" with a fresh defect and no question is left to the ticket reader.
/// </summary>
public static partial class TicketStatusReader
{
    public static int? TryRead(string text, ProblemReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);

        var asksForStatus = StatusCue().IsMatch(text);
        var reference = TicketReference().Match(text);
        if (!reference.Success && asksForStatus)
        {
            reference = HashReference().Match(text);
        }

        if (!reference.Success || !(asksForStatus || !report.HasIncidentOrPredicate))
        {
            return null;
        }

        return int.TryParse(reference.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    [GeneratedRegex(
        @"\b(?:ticket|tkt)s?\b\s*(?:nr\.?|no\.?|nummer|number|num\.?)?\s*[#:]?\s*(?<number>\d{1,9})(?!\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TicketReference();

    [GeneratedRegex(@"(?<![\w#])#\s?(?<number>\d{1,9})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex HashReference();

    [GeneratedRegex(
        @"\?|\b(?:status|stand|update|updates|news|neuigkeiten|neues|erledigt|was\s+ist|wie\s+steht|wie\s+weit|what\s+about|what'?s|how\s+is|how's)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusCue();
}
