using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The time of day a message names: "06:00", "6:00", "6 Uhr", "6.30 Uhr", "6 Uhr 30", "14h", "7am", "7:30 pm",
/// "um 6", "at 6", "halb 7" (6:30). A dotted number without "Uhr" ("24.12") is a date, never a time, and the German
/// "am" before a day ("6 am Montag") is not "a.m.". When several times are named, the first one counts.
/// </summary>
public static partial class TimeReader
{
    private const int NoonHour = 12;

    // A more specific reading of the same words wins over a vaguer one ("at 7 pm" is 19:00, not 07:00).
    private const int MeridiemPriority = 3;
    private const int ClockPriority = 2;
    private const int PrepositionPriority = 1;

    public static TimeOnly? Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = MessageTokenizer.Tokenize(text);
        var candidates = new List<PositionedValue<TimeOnly>>();
        AddMatches(candidates, text, Meridiem(), MeridiemPriority, FromMeridiem);
        AddMatches(candidates, text, ColonTime(), ClockPriority, FromHourAndMinute);
        AddMatches(candidates, text, DottedTimeWithUhr(), ClockPriority, FromHourAndMinute);
        AddMatches(candidates, text, DottedTimeWithoutUhr(), ClockPriority, FromDottedTime);
        AddMatches(candidates, text, HourWithUhr(), ClockPriority, FromHourAndMinute);
        AddMatches(candidates, text, HalfPast(), ClockPriority, FromHalfBefore);
        candidates.AddRange(SpokenTimeReader.Read(tokens, ClockPriority));
        AddMatches(candidates, text, AfterPreposition(), PrepositionPriority, FromHourAndMinute);
        candidates.AddRange(BareHoursAfterADay(tokens));

        // Of overlapping readings the more specific wins, and of equally specific ones the longer ("viertel nach acht"
        // over "acht").
        var kept = candidates
            .Where(c => !candidates.Any(other => other.Overlaps(c)
                && (other.Priority > c.Priority || (other.Priority == c.Priority && other.End - other.Start > c.End - c.Start))))
            .OrderBy(c => c.Start)
            .ThenByDescending(c => c.Priority)
            .FirstOrDefault();
        if (kept == default)
        {
            return null;
        }

        return kept.Priority == MeridiemPriority ? kept.Value : ByDayPart(kept.Value, tokens);
    }

    /// <summary>"halb drei am Nachmittag", "um 8 am Abend", "heute abends um 7": a day part after noon moves 1–11 o'clock on by twelve hours.</summary>
    private static TimeOnly ByDayPart(TimeOnly time, IReadOnlyList<MessageToken> tokens)
    {
        if (time.Hour is < 1 or >= NoonHour)
        {
            return time;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var greeting = i > 0 && Greetings.Contains(tokens[i - 1].Folded);
            if (AfterNoonWords.Contains(tokens[i].Folded) && !greeting)
            {
                return time.AddHours(NoonHour);
            }
        }

        return time;
    }

    private static readonly WordList AfterNoonWords = WordList.Of(
        "=nachmittag", "=nachmittags", "=abend", "=abends", "=afternoon", "=evening", "=tonight", "=nachts");

    private static readonly WordList Greetings = WordList.Of("=guten", "=gute", "=schönen", "=schöner", "=einen", "=good", "=nice");

    /// <summary>"morgen 7", "Montag 6": a bare hour right after a day names the time.</summary>
    private static IEnumerable<PositionedValue<TimeOnly>> BareHoursAfterADay(IReadOnlyList<MessageToken> tokens)
    {
        for (var k = 1; k < tokens.Count; k++)
        {
            var token = tokens[k];
            var next = k + 1 < tokens.Count ? tokens[k + 1] : null;
            if (token.IsNumber && token.Text.Length <= 2 && token.Text.All(char.IsAsciiDigit) && int.Parse(token.Text, CultureInfo.InvariantCulture) <= 23
                && token.GapBefore.Trim().Length == 0 && RelativeDateReader.IsDayAt(tokens, k - 1)
                && (next is null || next.GapBefore.Trim() is not ("." or ":" or ",")))
            {
                yield return new PositionedValue<TimeOnly>(token.Start, token.End, new TimeOnly(int.Parse(token.Text, CultureInfo.InvariantCulture), 0), PrepositionPriority);
            }
        }
    }

    // "7.30" without "Uhr" is a time when ".30" cannot be a month; "6.12" stays the 6th of December.
    private static TimeOnly? FromDottedTime(Match match, string text)
    {
        var minute = Number(match, "m");
        return minute is 0 or > 12 ? FromHourAndMinute(match, text) : null;
    }

    private static void AddMatches(
        List<PositionedValue<TimeOnly>> candidates, string text, Regex pattern, int priority, Func<Match, string, TimeOnly?> convert)
    {
        foreach (Match match in pattern.Matches(text))
        {
            var time = convert(match, text);
            if (time is not null)
            {
                candidates.Add(new PositionedValue<TimeOnly>(match.Index, match.Index + match.Length, time.Value, priority));
            }
        }
    }

    private static TimeOnly? FromHourAndMinute(Match match, string text)
    {
        var hour = Number(match, "h");
        var minute = match.Groups["m"].Success ? Number(match, "m") : 0;
        return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new TimeOnly(hour, minute) : null;
    }

    private static TimeOnly? FromMeridiem(Match match, string text)
    {
        var marker = match.Groups["ap"].Value;
        var end = match.Index + match.Length;
        // German "um 6 am Montag" / "6 am 24.12.": "am" followed by a capitalised word or a number is "on".
        if (marker.Equals("am", StringComparison.OrdinalIgnoreCase) && GermanAmAhead().IsMatch(text[end..]))
        {
            return null;
        }

        var hour = Number(match, "h");
        var minute = match.Groups["m"].Success ? Number(match, "m") : 0;
        if (hour is < 1 or > NoonHour || minute > 59)
        {
            return null;
        }

        var isPm = char.ToLowerInvariant(marker[0]) == 'p';
        var hour24 = (hour % NoonHour) + (isPm ? NoonHour : 0);
        return new TimeOnly(hour24, minute);
    }

    private static TimeOnly? FromHalfBefore(Match match, string text)
    {
        var hour = Number(match, "h");
        return hour is >= 1 and <= 24 ? new TimeOnly(hour - 1, 30) : null;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s+(?:\p{Lu}|\d|(?i:abend|morgen|nachmittag|vormittag|mittag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|wochenende)(?!\p{L}))", RegexOptions.CultureInvariant)]
    private static partial Regex GermanAmAhead();

    [GeneratedRegex(@"(?<![\d.:])(?<h>[01]?\d|2[0-3])\.(?<m>[0-5]\d)(?![\d.:])(?!\s*(?:uhr|h)(?!\p{L}))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DottedTimeWithoutUhr();

    [GeneratedRegex(
        @"(?<![\d.:])(?<h>\d{1,2})(?:[:.](?<m>[0-5]\d))?\s*(?<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Meridiem();

    [GeneratedRegex(@"(?<![\d.:])(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ColonTime();

    [GeneratedRegex(
        @"(?<![\d.:])(?<h>[01]?\d|2[0-3])\.(?<m>[0-5]\d)\s*(?:uhr|h)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DottedTimeWithUhr();

    [GeneratedRegex(
        @"(?<![\d.:])(?<h>[01]?\d|2[0-3])\s*(?:uhr|h)(?!\p{L})(?:\s*(?<m>[0-5]\d)(?![\d.:]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HourWithUhr();

    [GeneratedRegex(@"(?<!\p{L})halb\s+(?<h>\d{1,2})(?![\d.:])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HalfPast();

    [GeneratedRegex(
        @"(?<!\p{L})(?:um|at|gegen|ab|by)\s+(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?(?![\d.:])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterPreposition();
}
