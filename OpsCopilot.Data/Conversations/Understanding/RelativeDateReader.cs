namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Day words counted from the tenant's today: heute/today, morgen/tomorrow, übermorgen/day after tomorrow,
/// "in 3 Tagen", and weekday names (the next such day strictly after today).
/// "Guten Morgen", "am Morgen" and a leading "Morgen!" are greetings or times of day, not tomorrow.
/// </summary>
public static class RelativeDateReader
{
    private static readonly WordList Today = WordList.Of("=heute", "=heut", "=today", "=tonight", "=tdy");
    private static readonly WordList Tomorrow = WordList.Of("=tomorrow", "=tmrw", "=tmr", "=tomorow", "=tommorow", "=tommorrow", "=2moro", "=morgn");
    private static readonly WordList DayAfterTomorrow = WordList.Of("=übermorgen", "=übermorgn", "=übamorgen", "=übamorgn");
    private static readonly WordList Days = WordList.Of("=tag", "=tage", "=tagen", "=day", "=days");
    private static readonly WordList Weeks = WordList.Of("=woche", "=wochen", "=week", "=weeks");

    // Short weekday names count where a day is expected: "am Fr", "ab Mo.", "mo 6:00", "next thu".
    private static readonly WordList DayExpected = WordList.Of(
        "=am", "=ab", "=bis", "=für", "=nächsten", "=nächster", "=kommenden", "=kommender", "=diesen", "=on", "=next",
        "=this", "=until", "=from", "=vom", "=zum");

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

            var weekday = WeekdayAt(tokens, i);
            if (weekday is not null)
            {
                yield return new PositionedValue<DateOnly>(token.Start, token.End, NextStrictlyAfter(today, weekday.Value));
            }
        }
    }

    /// <summary>True when the word at <paramref name="i"/> names a day (heute, morgen, übermorgen, a weekday).</summary>
    public static bool IsDayAt(IReadOnlyList<MessageToken> tokens, int i)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return i >= 0 && i < tokens.Count && (DayOffsetAt(tokens, i) is not null || WeekdayAt(tokens, i) is not null);
    }

    private static DayOfWeek? WeekdayAt(IReadOnlyList<MessageToken> tokens, int i)
    {
        var folded = tokens[i].Folded;
        if (CalendarWords.Weekday(folded) is { } day)
        {
            return day;
        }

        if (CalendarWords.AbbreviatedWeekday(folded) is { } shortDay)
        {
            var dayExpected = i > 0 && DayExpected.Contains(tokens[i - 1].Folded);
            var timeFollows = i + 1 < tokens.Count && tokens[i + 1].IsNumber;
            var dotted = i + 1 < tokens.Count && tokens[i + 1].GapBefore.StartsWith('.');
            return dayExpected || timeFollows || dotted ? shortDay : null;
        }

        return CalendarWords.WeekdayWithTypo(folded);
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

        if (DayAfterTomorrow.ContainsTolerant(folded) || IsPhrase(tokens, i, "day", "after", "tomorrow"))
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

        // "in 3 Tagen", "in zwei Tagen", "in einer Woche", "in 2 weeks"
        if (folded == "in" && i + 2 < tokens.Count)
        {
            var countWord = tokens[i + 1].Folded;
            var count = countWord is "einer" or "einem" or "a" or "one" ? 1 : NumberWords.Value(countWord);
            var unit = tokens[i + 2].Folded;
            var days = count is not { } n ? 0 : Days.Contains(unit) ? n : Weeks.Contains(unit) ? n * 7 : 0;
            if (days is > 0 and < 367)
            {
                return days;
            }
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
