namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Day words counted from the tenant's today: heute/today, morgen/tomorrow, übermorgen/day after tomorrow,
/// "in 3 Tagen", and weekday names (the next such day strictly after today).
/// "Guten Morgen", "am Morgen" and a leading "Morgen!" are greetings or times of day, not tomorrow.
/// </summary>
public static class RelativeDateReader
{
    private static readonly WordList Today = WordList.Of("=heute", "=heut", "=today", "=tonight");
    private static readonly WordList Tomorrow = WordList.Of("=tomorrow", "=tmrw", "=tmr", "=tomorow");
    private static readonly WordList DayAfterTomorrow = WordList.Of("=übermorgen");
    private static readonly WordList Days = WordList.Of("=tag", "=tage", "=tagen", "=day", "=days");

    // Words before "Morgen" that make it the noun "morning" rather than the adverb "tomorrow".
    private static readonly WordList MorningNounMarkers = WordList.Of(
        "=guten", "=gute", "=gut", "=schönen", "=schöner", "=am", "=jeden", "=den", "=diesen", "=einen", "=vom");

    public static IEnumerable<PositionedValue<DateOnly>> Read(IReadOnlyList<MessageToken> tokens, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var offset = DayOffsetAt(tokens, i);
            if (offset is not null)
            {
                yield return new PositionedValue<DateOnly>(token.Start, token.End, today.AddDays(offset.Value));
                continue;
            }

            var weekday = CalendarWords.Weekday(token.Folded);
            if (weekday is not null)
            {
                yield return new PositionedValue<DateOnly>(token.Start, token.End, NextStrictlyAfter(today, weekday.Value));
            }
        }
    }

    public static DateOnly NextStrictlyAfter(DateOnly today, DayOfWeek day)
    {
        var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 ? 7 : ahead);
    }

    private static int? DayOffsetAt(IReadOnlyList<MessageToken> tokens, int i)
    {
        var folded = tokens[i].Folded;
        if (Today.Contains(folded))
        {
            return 0;
        }

        if (DayAfterTomorrow.Contains(folded) || IsPhrase(tokens, i, "day", "after", "tomorrow"))
        {
            return 2;
        }

        if (Tomorrow.Contains(folded))
        {
            // "day after tomorrow" was already counted at "day".
            return IsPhrase(tokens, i - 2, "day", "after", "tomorrow") ? null : 1;
        }

        if (folded == "morgen")
        {
            return MorgenOffset(tokens, i);
        }

        if (folded == "in" && i + 2 < tokens.Count && tokens[i + 1].IsNumber && Days.Contains(tokens[i + 2].Folded)
            && int.TryParse(tokens[i + 1].Text, System.Globalization.CultureInfo.InvariantCulture, out var days)
            && days is > 0 and < 367)
        {
            return days;
        }

        return null;
    }

    private static int? MorgenOffset(IReadOnlyList<MessageToken> tokens, int i)
    {
        if (i > 0 && Today.Contains(tokens[i - 1].Folded))
        {
            return 0; // "heute Morgen" = this morning
        }

        if (i > 0 && MorningNounMarkers.Contains(tokens[i - 1].Folded))
        {
            return null;
        }

        var isLeadingGreeting = i == 0 && i + 1 < tokens.Count && tokens[i + 1].GapBefore.IndexOfAny(['!', ',']) >= 0;
        var isWholeMessage = tokens.Count == 1;
        return isLeadingGreeting || isWholeMessage ? null : 1;
    }

    private static bool IsPhrase(IReadOnlyList<MessageToken> tokens, int start, params string[] words)
    {
        if (start < 0 || start + words.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            if (tokens[start + k].Folded != words[k])
            {
                return false;
            }
        }

        return true;
    }
}
