using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>Every line of the development corpus, read at several arrival instants so relative dates are computed.</summary>
public sealed class CorpusTests
{
    private static readonly Dictionary<string, DateTimeOffset> Instants = new(StringComparer.Ordinal)
    {
        ["winter-wednesday-evening"] = ReferenceWorld.WinterWednesdayEvening,
        ["summer-sunday-morning"] = ReferenceWorld.SummerSundayMorning,
        ["christmas-night-after-local-midnight"] = ReferenceWorld.ChristmasNightAfterLocalMidnight,
    };

    private readonly RuleBasedMessageInterpreter interpreter = new();

    public static TheoryData<string, int, string> Lines()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var instant in Instants.Keys)
        {
            foreach (var (lineNumber, json) in CorpusFile.ReadLines())
            {
                data.Add(instant, lineNumber, json);
            }
        }

        return data;
    }

    /// <summary>The project's own dispatcher corpus (issue 13), read at the same instants.</summary>
    public static TheoryData<string, int, string> DispatcherLines()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var instant in Instants.Keys)
        {
            foreach (var (lineNumber, json) in CorpusFile.ReadLines(CorpusFile.LocateDispatcherCorpus()))
            {
                data.Add(instant, lineNumber, json);
            }
        }

        return data;
    }

    [Fact]
    public void CorpusIsFoundAndNotEmpty() => CorpusFile.ReadLines().Count.ShouldBeGreaterThan(0);

    [Fact]
    public void TheDispatcherCorpusHasAtLeastTwoHundredLines() =>
        CorpusFile.ReadLines(CorpusFile.LocateDispatcherCorpus()).Count.ShouldBeGreaterThanOrEqualTo(200);

    [Theory]
    [MemberData(nameof(DispatcherLines))]
    public Task DispatcherCorpusLineIsReadAsLabelled(string instant, int lineNumber, string json) =>
        CorpusLineIsReadAsLabelled(instant, lineNumber, json);

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task CorpusLineIsReadAsLabelled(string instant, int lineNumber, string json)
    {
        var receivedAt = Instants[instant];
        var expected = CorpusExpectation.Parse(json, ReferenceWorld.LocalDay(receivedAt));
        var why = $"line {lineNumber} at {instant}: \"{expected.Text}\"";

        var reading = await interpreter.ReadAsync(expected.Text, ReferenceWorld.At(receivedAt), CancellationToken.None);

        reading.Intent.ShouldBe(expected.Intent, why);
        switch (expected.Intent)
        {
            case MessageIntent.Pair:
                reading.Otp.ShouldBe(expected.Otp, why);
                break;
            case MessageIntent.CreateTicket:
                CorpusAssertions.TicketMatches(reading.Ticket, expected, why);
                break;
            case MessageIntent.SendBroadcast:
                CorpusAssertions.BroadcastMatches(reading.Broadcast, expected, why);
                break;
            case MessageIntent.TicketStatus:
                reading.TicketNumber.ShouldBe(expected.TicketNumber, why);
                break;
        }
    }
}
