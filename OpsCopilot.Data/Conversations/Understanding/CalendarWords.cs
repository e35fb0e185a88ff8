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
}
