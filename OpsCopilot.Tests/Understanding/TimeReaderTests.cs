using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class TimeReaderTests
{
    [Theory]
    [InlineData("um 06:00", "06:00")]
    [InlineData("6:00", "06:00")]
    [InlineData("05:30 bitte", "05:30")]
    [InlineData("6 Uhr", "06:00")]
    [InlineData("14 Uhr", "14:00")]
    [InlineData("6.30 Uhr", "06:30")]
    [InlineData("6 Uhr 30", "06:30")]
    [InlineData("ab 22h", "22:00")]
    [InlineData("7am", "07:00")]
    [InlineData("7 pm", "19:00")]
    [InlineData("at 7:30pm", "19:30")]
    [InlineData("12am", "00:00")]
    [InlineData("12 p.m.", "12:00")]
    [InlineData("um 6", "06:00")]
    [InlineData("at 9", "09:00")]
    [InlineData("halb 7", "06:30")]
    [InlineData("um 6 am Montag", "06:00")]
    [InlineData("um 18 am Montag", "18:00")]
    [InlineData("am 24.12. um 14:00", "14:00")]
    public void TimesOfDayAreRead(string text, string expected) =>
        TimeReader.Read(text).ShouldBe(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("am 24.12.")]
    [InlineData("24.12")]
    [InlineData("Ticket 7")]
    [InlineData("LKW W-1234")]
    [InlineData("25:00")]
    [InlineData("13 pm")]
    [InlineData("Guten Morgen")]
    public void DatesNumbersAndImpossibleTimesAreNoTimes(string text) =>
        TimeReader.Read(text).ShouldBeNull();

    [Fact]
    public void TheFirstMentionedTimeCounts() =>
        TimeReader.Read("Schicht 06:00 bis 14:00").ShouldBe(new TimeOnly(6, 0));
}
