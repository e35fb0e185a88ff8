using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Recognises questions about an existing ticket ("Status Ticket #12", "Was ist mit Ticket 7?", "ticket 12 status",
/// "Status Tiket 73?"). The word "ticket" (or "Störung", "tkt") is matched with typo tolerance; the number follows it,
/// perhaps after "Nr."/"#". A bare "#12" needs a status word; "Ticket 12" with a fresh defect and no question is left
/// to the ticket reader.
/// </summary>
public static partial class TicketStatusReader
{
    private const int MaxTicketNumberDigits = 9;

    private static readonly WordList TicketWords = WordList.Of("=ticket", "=tickets", "=tkt", "=tix", "=tickt");
    private static readonly WordList NumberLabels = WordList.Of("=nr", "=no", "=nummer", "=number", "=num", "=nro");
    private static readonly WordList StatusWords = WordList.Of(
        "=status", "=stand", "=update", "=updates", "=news", "=neuigkeiten", "=neues", "=erledigt", "=fertig",
        "=schauts", "=ausschauen", "=progress");

    public static int? TryRead(string text, ProblemReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);

        var tokens = MessageTokenizer.Tokenize(text);
        var asksForStatus = StatusCue().IsMatch(text) || tokens.Any(t => StatusWords.ContainsTolerant(t.Folded, minStemLength: 6));
        var number = TicketReference(tokens);
        if (number is null && asksForStatus)
        {
            var hash = HashReference().Match(text);
            number = hash.Success ? hash.Groups["number"].Value : null;
        }

        if (number is null || !(asksForStatus || !report.HasIncidentOrPredicate))
        {
            return null;
        }

        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The number after a ticket word: "Ticket 7", "Tiket #73", "ticket nr. 19".</summary>
    private static string? TicketReference(IReadOnlyList<MessageToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!TicketWords.ContainsTolerant(tokens[i].Folded, minStemLength: 6))
            {
                continue;
            }

            var k = i + 1;
            if (k < tokens.Count && NumberLabels.Contains(tokens[k].Folded))
            {
                k++;
            }

            if (k < tokens.Count && tokens[k].IsNumber && tokens[k].Text.All(char.IsAsciiDigit)
                && tokens[k].Text.Length <= MaxTicketNumberDigits && tokens[k].GapBefore.All(c => c is ' ' or '#' or ':' or '.'))
            {
                return tokens[k].Text;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<![\w#])#\s?(?<number>\d{1,9})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex HashReference();

    [GeneratedRegex(
        @"\?|\b(?:status|stand|update|updates|news|neuigkeiten|neues|erledigt|was\s+is[t]?|wie\s+steht|wie\s+weit|wie\s+schaut|what\s+about|what'?s|how\s+is|how's)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusCue();
}
