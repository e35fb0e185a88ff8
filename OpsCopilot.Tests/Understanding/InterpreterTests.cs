using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class InterpreterTests
{
    private readonly RuleBasedMessageInterpreter interpreter = new();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Guten Morgen!")]
    [InlineData("Danke 🙏")]
    [InlineData("ok super, bis später")]
    [InlineData("Wie war das Wochenende?")]
    [InlineData("👍")]
    public async Task SmallTalkIsUnknown(string text)
    {
        var reading = await interpreter.ReadAsync(text, SampleTenant.Context(), CancellationToken.None);

        reading.ShouldBe(MessageReading.Unknown);
    }

    [Fact]
    public async Task ACancelledReadThrows()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => interpreter.ReadAsync("ja", SampleTenant.Context(), cancellation.Token));
    }

    [Fact]
    public void AnUnknownTimeZoneFallsBackToUtcInsteadOfFailing()
    {
        var context = SampleTenant.Context() with { TimeZoneId = "Mars/Olympus_Mons" };

        var reading = RuleBasedMessageInterpreter.Read("Schichterinnerung an alle morgen 6 Uhr", context);

        reading.Broadcast!.Date.ShouldBe(new DateOnly(2026, 1, 15));
    }

    [Fact]
    public void OnlyTheMemberOfTheIntentIsSet()
    {
        var reading = SampleTenant.Read("LKW W-1234 hat Bremsenproblem");

        reading.Ticket.ShouldNotBeNull();
        reading.Broadcast.ShouldBeNull();
        reading.Otp.ShouldBeNull();
        reading.TicketNumber.ShouldBeNull();
    }

    [Fact]
    public void ReadingIsDeterministic() =>
        SampleTenant.Read("Schichterinnerung an Stefan Huber und Jan Nowak für Montag 6 Uhr").Broadcast!.Recipients
            .ShouldBe(SampleTenant.Read("Schichterinnerung an Stefan Huber und Jan Nowak für Montag 6 Uhr").Broadcast!.Recipients);

    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("Mueller", "muller")]
    [InlineData("MÜLLER", "muller")]
    [InlineData("Straße", "strasse")]
    [InlineData("Yılmaz", "yilmaz")]
    [InlineData("Bestätigen", "bestatigen")]
    [InlineData("won't", "wont")]
    public void FoldingMakesSpellingVariantsEqual(string word, string folded) =>
        TextFolding.Fold(word).ShouldBe(folded);
}
