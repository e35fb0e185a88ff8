using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class DateReaderTests
{
    // Wednesday.
    private static readonly DateOnly Today = new(2026, 1, 14);

    [Theory]
    [InlineData("heute", "2026-01-14")]
    [InlineData("today", "2026-01-14")]
    [InlineData("morgen früh", "2026-01-15")]
    [InlineData("Tomorrow", "2026-01-15")]
    [InlineData("übermorgen", "2026-01-16")]
    [InlineData("uebermorgen", "2026-01-16")]
    [InlineData("the day after tomorrow", "2026-01-16")]
    [InlineData("in 3 Tagen", "2026-01-17")]
    [InlineData("in 10 days", "2026-01-24")]
    [InlineData("heute Morgen", "2026-01-14")]
    public void RelativeDayWordsCountFromToday(string text, string expected) =>
        DateReader.Read(text, Today).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("Montag", "2026-01-19")]
    [InlineData("am Freitag", "2026-01-16")]
    [InlineData("nächsten Dienstag", "2026-01-20")]
    [InlineData("Mittwoch", "2026-01-21")]
    [InlineData("on Sunday", "2026-01-18")]
    [InlineData("thursday", "2026-01-15")]
    [InlineData("Samstags", "2026-01-17")]
    public void WeekdaysMeanTheNextSuchDayStrictlyAfterToday(string text, string expected) =>
        DateReader.Read(text, Today).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("am 24.12.", "2026-12-24")]
    [InlineData("am 24.12", "2026-12-24")]
    [InlineData("24.12.2027", "2027-12-24")]
    [InlineData("24.12.27", "2027-12-24")]
    [InlineData("2026-03-05", "2026-03-05")]
    [InlineData("5/3", "2026-03-05")]
    [InlineData("am 5. März", "2026-03-05")]
    [InlineData("am 5. Maerz", "2026-03-05")]
    [InlineData("December 24th", "2026-12-24")]
    [InlineData("3 Jan. 2027", "2027-01-03")]
    [InlineData("14.01.", "2026-01-14")]
    public void WrittenDatesAreReadDayBeforeMonth(string text, string expected) =>
        DateReader.Read(text, Today).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("am 13.01.", "2027-01-13")]
    [InlineData("1.1.", "2027-01-01")]
    [InlineData("am 29.02.", "2028-02-29")]
    public void DatesWithoutYearThatHavePassedRollOverToNextYear(string text, string expected) =>
        DateReader.Read(text, Today).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("Guten Morgen!")]
    [InlineData("guten morgen zusammen")]
    [InlineData("Morgen!")]
    [InlineData("Einen schönen Morgen euch")]
    [InlineData("Schicht 6.30 Uhr")]
    [InlineData("am 31.04.")]
    [InlineData("um 14:00")]
    [InlineData("an Jan Nowak um 6")]
    public void GreetingsTimesAndImpossibleDatesAreNoDates(string text) =>
        DateReader.Read(text, Today).ShouldBeNull();

    [Fact]
    public void TheFirstMentionedDateCounts() =>
        DateReader.Read("Guten Morgen, Schicht am Montag, nicht morgen", Today).ShouldBe(new DateOnly(2026, 1, 19));

    [Fact]
    public void InterpreterCountsRelativeDatesInTheTenantTimeZone()
    {
        // 23:30 UTC on Sunday 31 May is already Monday 1 June in Vienna (UTC+2), so "morgen" is Tuesday.
        var receivedAt = new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero);

        var broadcast = SampleTenant.ReadBroadcast("Schichterinnerung an alle für morgen 6 Uhr", receivedAt);

        broadcast.Date.ShouldBe(new DateOnly(2026, 6, 2));
    }
}
