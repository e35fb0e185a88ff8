namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Times of day said rather than written, as dispatchers dictate them: "halb sieben" (6:30), "viertel nach acht"
/// (8:15), "viertel neun" and "dreiviertel neun" (the Austrian 8:15 and 8:45), "zehn vor sechs" (5:50), "fünf nach
/// halb sieben" (6:35), "um sechse", "sieben Uhr dreißig", "half past six", "quarter to seven", "half six" (British
/// 6:30), "seven o'clock", "Mittag", "noon", and a bare hour right after a day ("morgen 7", "Montag 6").
/// </summary>
public static class SpokenTimeReader
{
    private static readonly WordList Half = WordList.Of("=halb");
    private static readonly WordList Quarter = WordList.Of("=viertel", "=quarter");
    private static readonly WordList ThreeQuarters = WordList.Of("=dreiviertel");
    private static readonly WordList After = WordList.Of("=nach", "=past", "=after");
    private static readonly WordList Before = WordList.Of("=vor", "=to", "=before");
    private static readonly WordList Clock = WordList.Of("=uhr", "=oclock", "=h");
    private static readonly WordList AtWords = WordList.Of("=um", "=at", "=gegen", "=ab", "=by", "=bis", "=around");
    private static readonly WordList Noon = WordList.Of("=mittag", "=mittags", "=noon", "=midday");
    private static readonly WordList Midnight = WordList.Of("=mitternacht", "=midnight");

    public static IEnumerable<PositionedValue<TimeOnly>> Read(IReadOnlyList<MessageToken> tokens, int priority)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReadAt(tokens, i) is { } found)
            {
                yield return new PositionedValue<TimeOnly>(tokens[i].Start, tokens[found.Last].End, found.Time, priority);
            }
        }
    }

    private static (TimeOnly Time, int Last)? ReadAt(IReadOnlyList<MessageToken> tokens, int i)
    {
        string Word(int k) => k < tokens.Count ? tokens[k].Folded : string.Empty;
        int? Hour(int k) => k < tokens.Count && NumberWords.Value(tokens[k].Folded) is { } h and >= 0 and <= 24 && IsSpokenOrShort(tokens[k]) ? h : null;
        var word = Word(i);

        if (Half.Contains(word) && Hour(i + 1) is { } halfHour and >= 1)
        {
            return (At(halfHour - 1, 30), i + 1);
        }

        if (ThreeQuarters.Contains(word) && Hour(i + 1) is { } threeQuarterHour and >= 1)
        {
            return (At(threeQuarterHour - 1, 45), i + 1);
        }

        if (word == "drei" && Quarter.Contains(Word(i + 1)) && Hour(i + 2) is { } spacedThreeQuarterHour and >= 1)
        {
            return (At(spacedThreeQuarterHour - 1, 45), i + 2);
        }

        if (Quarter.Contains(word))
        {
            if (After.Contains(Word(i + 1)) && Hour(i + 2) is { } past)
                return (At(past, 15), i + 2);
            if (Before.Contains(Word(i + 1)) && Hour(i + 2) is { } to and >= 1)
                return (At(to - 1, 45), i + 2);
            // Austrian "viertel neun" is a quarter on the way to nine.
            if (word == "viertel" && Hour(i + 1) is { } toward and >= 1)
                return (At(toward - 1, 15), i + 1);
        }

        // "half past six" / British "half six"
        if (word == "half")
        {
            if (After.Contains(Word(i + 1)) && Hour(i + 2) is { } halfPast)
                return (At(halfPast, 30), i + 2);
            if (Hour(i + 1) is { } britishHalf && !tokens[i + 1].IsNumber)
                return (At(britishHalf, 30), i + 1);
        }

        // "zehn vor sechs", "10 nach 6", "fünf nach halb sieben", "twenty past eight"
        if (NumberWords.Value(word) is { } minutes and >= 1 and <= 29 && i + 2 < tokens.Count && IsSpokenOrShort(tokens[i]))
        {
            var isAfter = After.Contains(Word(i + 1));
            var isBefore = Before.Contains(Word(i + 1));
            if ((isAfter || isBefore) && Half.Contains(Word(i + 2)) && Hour(i + 3) is { } halfBase and >= 1)
                return (At(halfBase - 1, isAfter ? 30 + minutes : 30 - minutes), i + 3);
            if (isAfter && Hour(i + 2) is { } afterHour)
                return (At(afterHour, minutes), i + 2);
            if (isBefore && Hour(i + 2) is { } beforeHour and >= 1)
                return (At(beforeHour - 1, 60 - minutes), i + 2);
        }

        // "sieben Uhr", "sieben Uhr dreißig", "seven o'clock"
        if (!tokens[i].IsNumber && Hour(i) is { } spokenHour && Clock.Contains(Word(i + 1)))
        {
            var minute = i + 2 < tokens.Count && NumberWords.Value(Word(i + 2)) is { } m and >= 0 and <= 59 ? m : (int?)null;
            return minute is { } mm ? (At(spokenHour, mm), i + 2) : (At(spokenHour, 0), i + 1);
        }

        if (word == "ein" && Clock.Contains(Word(i + 1)))
        {
            return (At(1, 0), i + 1);
        }

        // "um sechs", "at seven", "um achte"
        if (AtWords.Contains(word) && i + 1 < tokens.Count && !tokens[i + 1].IsNumber && Hour(i + 1) is { } atHour)
        {
            return (At(atHour, 0), i + 1);
        }

        if (Noon.Contains(word))
        {
            return (new TimeOnly(12, 0), i);
        }

        if (Midnight.Contains(word))
        {
            return (new TimeOnly(0, 0), i);
        }

        return null;
    }

    private static bool IsSpokenOrShort(MessageToken token) => !token.IsNumber || token.Text.Length <= 2;

    private static TimeOnly At(int hour, int minute) => new(((hour % 24) + 24) % 24, minute);
}
