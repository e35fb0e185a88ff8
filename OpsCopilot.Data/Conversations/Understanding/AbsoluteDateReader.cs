using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Written dates: "24.12.", "24.12", "24.12.2026", "24.12.26", "24/12", ISO "2026-12-24", "24. Dezember",
/// "December 24th". Without a year the date is this year, or next year when it has already passed.
/// Day comes before month, as in Austria; "6.30 Uhr" is a time, not a date.
/// </summary>
public static partial class AbsoluteDateReader
{
    private const int TwoDigitYearBase = 2000;

    public static IEnumerable<PositionedValue<DateOnly>> Read(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var pattern in new[] { IsoDate(), DottedDate(), SlashedDate(), DayThenMonthName(), MonthNameThenDay() })
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (FollowedByClockWord(text, match.Index + match.Length))
                {
                    continue;
                }

                var date = ToDate(match, today);
                if (date is not null)
                {
                    yield return new PositionedValue<DateOnly>(match.Index, match.Index + match.Length, date.Value);
                }
            }
        }
    }

    public static DateOnly? Resolve(int day, int month, int? year, DateOnly today)
    {
        if (year is not null)
        {
            return IsValid(year.Value, month, day) ? new DateOnly(year.Value, month, day) : null;
        }

        // A date without a year is the next time that day comes round (29.02. may skip a few years).
        for (var candidateYear = today.Year; candidateYear <= today.Year + 4; candidateYear++)
        {
            if (IsValid(candidateYear, month, day) && new DateOnly(candidateYear, month, day) >= today)
            {
                return new DateOnly(candidateYear, month, day);
            }
        }

        return null;
    }

    private static DateOnly? ToDate(Match match, DateOnly today)
    {
        var monthName = match.Groups["mon"];
        if (monthName.Success && !CalendarWords.IsFullMonthName(monthName.Value) && !IsMarkedAbbreviation(match))
        {
            return null; // "um 6 Jan Nowak" names a driver, not the 6th of January
        }

        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        var month = match.Groups["mon"].Success
            ? CalendarWords.Month(match.Groups["mon"].Value)
            : int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is null)
        {
            return null;
        }

        int? year = null;
        var yearText = match.Groups["y"].Value.Trim();
        if (yearText.Length > 0)
        {
            year = int.Parse(yearText, CultureInfo.InvariantCulture);
            year += yearText.Length == 2 ? TwoDigitYearBase : 0;
        }

        return Resolve(day, month.Value, year, today);
    }

    private static bool IsMarkedAbbreviation(Match match)
    {
        var monthName = match.Groups["mon"];
        var after = monthName.Index + monthName.Length;
        return match.Groups["y"].Success || (after < match.Index + match.Length && match.Value[after - match.Index] == '.');
    }

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool FollowedByClockWord(string text, int index) => ClockWordAhead().IsMatch(text[index..]);

    [GeneratedRegex(@"^\s*(?:uhr|h)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockWordAhead();

    [GeneratedRegex(@"(?<![\d.\-])(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    // "24.12." may be followed by "2026", " 2026" or "26", but "24.12. 06 Uhr" has no year.
    [GeneratedRegex(
        @"(?<![\d.,:])(?<d>\d{1,2})\.[ ]?(?<m>\d{1,2})(?:\.(?:(?<y>[ ]?\d{4}|\d{2})(?![\d.:]))?|(?![\d.:]))",
        RegexOptions.CultureInvariant)]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"(?<![\d/])(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>\d{4}|\d{2}))?(?![\d/])", RegexOptions.CultureInvariant)]
    private static partial Regex SlashedDate();

    [GeneratedRegex(
        @"(?<![\d.])(?<d>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?<mon>j(?:ä|ae|a)nner|januar[y]?|jan|februar[y]?|feber|feb|m(?:ä|ae|a)rz|march|mar|april|apr|mai|may|jun[ei]?|jul[iy]?|august|aug|september|sept?|o[kc]tober|okt|oct|november|nov|de[zc]ember|dez|dec)\.?(?!\p{L})(?:\s*(?<y>\d{4})(?!\d))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayThenMonthName();

    [GeneratedRegex(
        @"(?<!\p{L})(?<mon>j(?:ä|ae|a)nner|januar[y]?|jan|februar[y]?|feber|feb|m(?:ä|ae|a)rz|march|mar|april|apr|mai|may|jun[ei]?|jul[iy]?|august|aug|september|sept?|o[kc]tober|okt|oct|november|nov|de[zc]ember|dez|dec)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:.]\d|\d|\s*(?:uhr|h)(?!\p{L}))(?:,?\s*(?<y>\d{4})(?!\d))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameThenDay();
}
