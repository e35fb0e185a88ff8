namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Builds a short ticket title: the problem words in the order written, then the vehicle word and the plate
/// ("LKW W-1234 hat Bremsenproblem" → "Bremsenproblem LKW W-1234"). Filler such as "hat", "bei", "auf der A1"
/// is left out so the title reads like a subject line.
/// </summary>
public static class TicketTitleBuilder
{
    public const int MaxTitleLength = 80;
    private const int MaxProblemWords = 6;
    private const int FallbackLength = 60;

    public static string Build(ProblemReport report, string originalText)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(originalText);

        var problemWords = report.Words
            .Where(w => w.Kind != ProblemWordKind.Vehicle)
            .Select(w => w.Token)
            .DistinctBy(t => t.Folded)
            .Take(MaxProblemWords)
            .Select(t => t.Text)
            .ToList();
        var vehicle = report.Words.FirstOrDefault(w => w.Kind == ProblemWordKind.Vehicle)?.Token.Text;
        var tail = string.Join(' ', new[] { vehicle, report.Plate?.Normalized }.Where(s => !string.IsNullOrEmpty(s)));

        if (problemWords.Count == 0)
        {
            return Capitalize(Shorten(originalText.Trim(), FallbackLength));
        }

        // Drop trailing problem words rather than the plate: the plate is what the mechanic needs.
        while (problemWords.Count > 1 && Compose(problemWords, tail).Length > MaxTitleLength)
        {
            problemWords.RemoveAt(problemWords.Count - 1);
        }

        return Shorten(Capitalize(Compose(problemWords, tail)), MaxTitleLength);
    }

    private static string Compose(IReadOnlyList<string> problemWords, string tail) =>
        tail.Length == 0 ? string.Join(' ', problemWords) : $"{string.Join(' ', problemWords)} {tail}";

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return (cut > 0 ? text[..cut] : text[..maxLength]).TrimEnd();
    }
}
