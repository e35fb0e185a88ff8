namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>Weekday and month names in German and English, keyed by folded spelling.</summary>
public static class CalendarWords
{
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["montag"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
        ["dienstag"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
        ["mittwoch"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["donnerstag"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
        ["freitag"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
        ["samstag"] = DayOfWeek.Saturday, ["sonnabend"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
        ["sonntag"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
    };

    // Folded three-letter stems: "Jänner"/"Januar"/"January" -> "jan", "März"/"Maerz" -> "mar".
    private static readonly Dictionary<string, int> MonthStems = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["mai"] = 5, ["may"] = 5, ["jun"] = 6, ["jul"] = 7,
        ["aug"] = 8, ["sep"] = 9, ["okt"] = 10, ["oct"] = 10, ["nov"] = 11, ["dez"] = 12, ["dec"] = 12,
    };

    // Names that are months even without a trailing dot; "Jan" or "Mar" alone may be a first name.
    private static readonly HashSet<string> FullMonthNames = new(
        ["januar", "janner", "january", "februar", "feber", "february", "marz", "march", "april", "mai", "may", "juni",
         "june", "juli", "july", "august", "september", "oktober", "october", "november", "dezember", "december"],
        StringComparer.Ordinal);

    public static bool IsFullMonthName(string monthName) =>
        FullMonthNames.Contains(TextFolding.Fold(monthName ?? throw new ArgumentNullException(nameof(monthName))));

    /// <summary>"Montag", "montags", "Mondays" all name Monday.</summary>
    public static DayOfWeek? Weekday(string foldedWord)
    {
        ArgumentNullException.ThrowIfNull(foldedWord);
        if (Weekdays.TryGetValue(foldedWord, out var day))
        {
            return day;
        }

        return foldedWord.EndsWith('s') && Weekdays.TryGetValue(foldedWord[..^1], out day) ? day : null;
    }

    public static int? Month(string monthName)
    {
        ArgumentNullException.ThrowIfNull(monthName);
        var folded = TextFolding.Fold(monthName);
        return folded.Length >= 3 && MonthStems.TryGetValue(folded[..3], out var month) ? month : null;
    }

    public static bool IsWeekday(string foldedWord) => Weekday(foldedWord) is not null;

    private static readonly Dictionary<string, DayOfWeek> Abbreviations = new(StringComparer.Ordinal)
    {
        ["mo"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday, ["di"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday,
        ["tues"] = DayOfWeek.Tuesday, ["mi"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday, ["do"] = DayOfWeek.Thursday,
        ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday, ["fr"] = DayOfWeek.Friday,
        ["fri"] = DayOfWeek.Friday, ["sa"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday, ["so"] = DayOfWeek.Sunday,
        ["sun"] = DayOfWeek.Sunday,
    };

    // Words one typo away from a weekday that are words of their own ("Montage" is an assembly job).
    private static readonly HashSet<string> NotWeekdayTypos = new(StringComparer.Ordinal) { "montage", "sonntage", "samstage" };

    /// <summary>"Mo", "Fr", "thu": short names, which the caller accepts only where a day is expected.</summary>
    public static DayOfWeek? AbbreviatedWeekday(string foldedWord) =>
        Abbreviations.TryGetValue(foldedWord ?? throw new ArgumentNullException(nameof(foldedWord)), out var day) ? day : null;

    /// <summary>A weekday with a typo ("donnerstg", "mitwoch", "firday"), as <see cref="TolerantMatch"/> allows it.</summary>
    public static DayOfWeek? WeekdayWithTypo(string foldedWord)
    {
        ArgumentNullException.ThrowIfNull(foldedWord);
        if (foldedWord.Length < 5 || NotWeekdayTypos.Contains(foldedWord))
        {
            return null;
        }

        foreach (var (name, day) in Weekdays)
        {
            if (TolerantMatch.IsTypoOf(foldedWord, name))
            {
                return day;
            }
        }

        return null;
    }
}
