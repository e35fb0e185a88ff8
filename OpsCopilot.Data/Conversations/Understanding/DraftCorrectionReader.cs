namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Reads a correction written while a draft waits for CONFIRM: "nein, W-2245", "falsches Kennzeichen, W-2245",
/// "nicht Max, Anna", "W-2245 statt W-2231", "nicht morgen sondern übermorgen", "no, 7 not 6". A correction opens with
/// a no or a word saying something is wrong (or holds "statt"/"instead"); whatever follows "nicht"/"statt"/"not"/
/// "instead of" up to the next comma or "sondern" is what was wrong, the rest is what is right.
/// </summary>
public static class DraftCorrectionReader
{
    private const int OpeningWords = 3;

    private static readonly WordList OpeningCues = WordList.Of(
        "=nein", "=na", "=nö", "=nee", "=ne", "=no", "=nope", "=nah", "=falsch", "=falsche", "=falscher", "=falsches",
        "=falschen", "=wrong", "=nicht", "=not", "=sorry", "=korrektur", "=correction", "=ups", "=oops", "=hoppla",
        "=vertippt", "=verschrieben", "=fehler", "=richtig", "=richtige", "=richtiger", "=richtiges", "=correct",
        "=meinte", "=meant", "=stimmt");

    private static readonly WordList AnywhereCues = WordList.Of(
        "=statt", "=anstatt", "=anstelle", "=stattdessen", "=sondern", "=instead", "=korrektur", "=correction",
        "=meinte", "=meant", "=falsch", "=falsche", "=falscher", "=falsches", "=falschen", "=wrong");

    // What opens the part that was wrong: "nicht Max", "statt W-2231", "not 6", "instead of Anna".
    private static readonly WordList WrongOpeners = WordList.Of(
        "=nicht", "=ned", "=net", "=not", "=statt", "=anstatt", "=anstelle", "=instead", "=kein", "=keine", "=keinen");

    private static readonly WordList WrongEnders = WordList.Of("=sondern", "=but", "=aber", "=sonder");

    public static bool HasCue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = MessageTokenizer.Tokenize(text);
        return tokens.Take(OpeningWords).Any(t => OpeningCues.Contains(t.Folded)) || tokens.Any(t => AnywhereCues.Contains(t.Folded));
    }

    public static DraftCorrection Read(string text, InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var tokens = MessageTokenizer.Tokenize(text);
        var wrong = WrongSpans(text, tokens);
        var right = Blank(text, wrong);
        var wrongOnly = Blank(text, [(0, text.Length)], keep: wrong);

        var rightTokens = MessageTokenizer.Tokenize(right);
        var today = TenantCalendar.LocalDate(context);
        return new DraftCorrection(
            PlateRecognizer.FindFirst(right)?.Normalized,
            DriversNamed(rightTokens, context.Drivers),
            DriversNamed(MessageTokenizer.Tokenize(wrongOnly), context.Drivers),
            DateReader.Read(right, rightTokens, today),
            TimeReader.Read(right));
    }

    private static List<(int Start, int End)> WrongSpans(string text, IReadOnlyList<MessageToken> tokens)
    {
        var spans = new List<(int Start, int End)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!WrongOpeners.Contains(tokens[i].Folded))
            {
                continue;
            }

            var start = tokens[i].Start;
            if (tokens[i].Folded == "instead" && i + 1 < tokens.Count && tokens[i + 1].Folded == "of")
            {
                i++;
            }

            var end = text.Length;
            for (var k = i + 1; k < tokens.Count; k++)
            {
                if (WrongEnders.Contains(tokens[k].Folded) || tokens[k].GapBefore.Any(c => c is ',' or ';' or '.' or '!' or '?' or '\n' or ':'))
                {
                    end = tokens[k].Start;
                    break;
                }
            }

            spans.Add((start, end));
        }

        return spans;
    }

    /// <summary>The text with the spans replaced by spaces (or, with <paramref name="keep"/>, only those kept).</summary>
    private static string Blank(string text, IReadOnlyList<(int Start, int End)> spans, IReadOnlyList<(int Start, int End)>? keep = null)
    {
        var chars = text.ToCharArray();
        foreach (var (start, end) in spans)
        {
            for (var k = start; k < end; k++)
            {
                if (keep is null || !keep.Any(s => k >= s.Start && k < s.End))
                {
                    chars[k] = ' ';
                }
            }
        }

        return new string(chars);
    }

    private static List<DriverRef> DriversNamed(IReadOnlyList<MessageToken> tokens, IReadOnlyList<DriverRef> drivers)
    {
        var directory = DriverDirectory.Of(drivers);
        var found = new List<(int Position, DriverRef Driver)>();
        var used = new bool[tokens.Count];
        foreach (var (driver, start, length) in directory.FindFullNames(tokens))
        {
            found.Add((tokens[start].Start, driver));
            for (var k = start; k < start + length; k++) used[k] = true;
        }

        for (var k = 0; k < tokens.Count; k++)
        {
            if (!used[k] && directory.IsNameWord(tokens[k].Folded) && directory.Lookup([tokens[k].Folded]) is { Outcome: NameLookupOutcome.Resolved } lookup)
            {
                found.Add((tokens[k].Start, lookup.Driver!));
            }
        }

        return found.OrderBy(f => f.Position).Select(f => f.Driver).Distinct().ToList();
    }
}
