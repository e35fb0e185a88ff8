namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Builds a short ticket title that names the object and the problem, then the vehicle word and the plate
/// ("LKW W-1234 hat Bremsenproblem" → "Bremsenproblem LKW W-1234", "Thermo King am Trailer GU-8812 XZ springt nicht an"
/// → "Thermo King springt nicht an Trailer GU-8812XZ"). The object is found by grammar, not by a list: the noun phrases
/// of the message are its runs of content words (<see cref="FunctionWords"/> and problem words end them), and the title
/// keeps the phrase that opens the report, the one right before the problem, and every phrase holding a known part.
/// Filler such as "hat", "bei", "auf der A1" is left out so the title reads like a subject line.
/// </summary>
public static class TicketTitleBuilder
{
    public const int MaxTitleLength = 80;
    private const int MaxPhraseWords = 4;
    private const int MaxNumberingDigits = 3;
    private const int FallbackLength = 60;

    public static string Build(ProblemReport report, string originalText)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(originalText);

        var tokens = MessageTokenizer.Tokenize(originalText);
        var plates = PlateRecognizer.FindAll(originalText);
        var kinds = new ProblemWordKind[tokens.Count];
        foreach (var word in report.Words)
        {
            var index = IndexOf(tokens, word.Token.Start);
            if (index >= 0)
            {
                kinds[index] = word.Kind;
            }
        }

        var excluded = tokens.Select(t => plates.Any(p => t.Overlaps(p.Start, p.End))
            || report.Readings.Any(r => t.Overlaps(r.Start, r.End))).ToArray();
        var pieces = new List<(int Start, int End)>();
        var covered = new bool[tokens.Count];
        foreach (var (first, last) in ObjectPhrases(tokens, kinds, excluded, IsCased(tokens)))
        {
            pieces.Add((tokens[first].Start, tokens[last].End));
            for (var k = first; k <= last; k++) covered[k] = true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < tokens.Count; k++)
        {
            // Problem phrases stay whole ("geht nicht, startet nicht"); a repeated part or incident is named once.
            if (!covered[k] && !excluded[k] && kinds[k] is ProblemWordKind.Predicate or ProblemWordKind.Incident or ProblemWordKind.Component
                && (kinds[k] == ProblemWordKind.Predicate || seen.Add(tokens[k].Folded)))
            {
                pieces.Add((tokens[k].Start, tokens[k].End));
            }
        }

        pieces.AddRange(report.Readings);
        pieces.Sort((a, b) => a.Start.CompareTo(b.Start));

        var vehicle = Enumerable.Range(0, tokens.Count).Where(k => kinds[k] == ProblemWordKind.Vehicle).Select(k => tokens[k].Text).FirstOrDefault();
        var tail = string.Join(' ', new[] { vehicle, report.Plate?.Normalized }.Where(s => !string.IsNullOrEmpty(s)));
        if (pieces.Count == 0)
        {
            return Capitalize(Shorten(originalText.Trim(), FallbackLength));
        }

        var texts = pieces.Select(p => originalText[p.Start..p.End].Trim()).Where(t => t.Length > 0).ToList();
        // Drop trailing pieces rather than the plate: the plate is what the mechanic needs.
        while (texts.Count > 1 && Compose(texts, tail).Length > MaxTitleLength)
        {
            texts.RemoveAt(texts.Count - 1);
        }

        return Shorten(Capitalize(Compose(texts, tail)), MaxTitleLength);
    }

    /// <summary>
    /// The noun phrases worth naming: the first one before the problem (what the report opens with), the last one
    /// before it (its subject), and every one that holds a known part or incident.
    /// </summary>
    private static IEnumerable<(int First, int Last)> ObjectPhrases(
        IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds, bool[] excluded, bool cased)
    {
        var phrases = NounPhrases(tokens, kinds, excluded, cased);
        var firstProblem = Enumerable.Range(0, tokens.Count)
            .FirstOrDefault(k => kinds[k] is ProblemWordKind.Predicate or ProblemWordKind.Incident, -1);
        var before = firstProblem < 0 ? [] : phrases.Where(p => p.Last < firstProblem).ToList();
        var chosen = new List<(int First, int Last)>();
        if (before.Count > 0)
        {
            chosen.Add(before[0]);
            chosen.Add(before[^1]);
        }
        else if (firstProblem >= 0 && phrases.FirstOrDefault(p => p.First > firstProblem && SameClause(tokens, firstProblem, p.First)) is { Last: > 0 } after)
        {
            // Verb first, object later: "leuchtet seit heute früh die Ölkontrolle".
            chosen.Add(after);
        }

        chosen.AddRange(phrases.Where(p => Enumerable.Range(p.First, p.Last - p.First + 1)
            .Any(k => kinds[k] is ProblemWordKind.Component or ProblemWordKind.Incident)));
        return chosen.Distinct().OrderBy(p => p.First)
            .Select(p => (p.First, Math.Min(p.Last, p.First + MaxPhraseWords - 1)));
    }

    private static List<(int First, int Last)> NounPhrases(
        IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds, bool[] excluded, bool cased)
    {
        var phrases = new List<(int First, int Last)>();
        var start = -1;
        for (var k = 0; k <= tokens.Count; k++)
        {
            var continues = k < tokens.Count && start >= 0 && !BreaksPhrase(tokens[k].GapBefore)
                && (IsContent(tokens, k, kinds, excluded, cased) || IsNumbering(tokens, k, kinds, excluded));
            if (continues)
            {
                continue;
            }

            if (start >= 0)
            {
                phrases.Add((start, k - 1));
                start = -1;
            }

            if (k < tokens.Count && IsContent(tokens, k, kinds, excluded, cased))
            {
                start = k;
            }
        }

        return phrases;
    }

    private static bool IsContent(IReadOnlyList<MessageToken> tokens, int k, ProblemWordKind[] kinds, bool[] excluded, bool cased)
    {
        if (excluded[k] || kinds[k] is ProblemWordKind.Vehicle or ProblemWordKind.Predicate)
        {
            return false;
        }

        if (kinds[k] is ProblemWordKind.Component or ProblemWordKind.Incident)
        {
            return true;
        }

        var token = tokens[k];
        if (token.IsNumber || token.Text.Length < 2 || FunctionWords.Contains(token.Folded)
            || CalendarWords.IsWeekday(token.Folded) || CalendarWords.IsFullMonthName(token.Folded))
        {
            return false;
        }

        // In a message typed with capitals, German nouns are the capitalised words; typed all in lower case (or in
        // English), every word that is no function word may be one.
        return !cased || char.IsUpper(token.Text[0]);
    }

    /// <summary>"Kühlhaus 3", "Tor 4", "Halle 2": a short number right after a noun belongs to it.</summary>
    private static bool IsNumbering(IReadOnlyList<MessageToken> tokens, int k, ProblemWordKind[] kinds, bool[] excluded) =>
        tokens[k].IsNumber && tokens[k].Text.Length <= MaxNumberingDigits && tokens[k].Text.All(char.IsDigit)
        && !excluded[k] && kinds[k] == ProblemWordKind.None && tokens[k].GapBefore.Trim().Length == 0;

    private static bool SameClause(IReadOnlyList<MessageToken> tokens, int from, int to) =>
        Enumerable.Range(from + 1, to - from).All(k => !tokens[k].GapBefore.Any(c => c is '.' or ',' or ';' or ':' or '!' or '?' or '\n'));

    private static bool BreaksPhrase(string gap) => gap.Any(c => !char.IsWhiteSpace(c) && c is not '-' and not '/' and not '&');

    private static bool IsCased(IReadOnlyList<MessageToken> tokens) =>
        tokens.Skip(1).Any(t => char.IsUpper(t.Text[0]) && t.Text.Any(char.IsLower));

    private static int IndexOf(IReadOnlyList<MessageToken> tokens, int start)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Start == start) return k;
        }

        return -1;
    }

    private static string Compose(IReadOnlyList<string> pieces, string tail) =>
        tail.Length == 0 ? string.Join(' ', pieces) : $"{string.Join(' ', pieces)} {tail}";

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
