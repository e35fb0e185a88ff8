using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class CommandClassifierTests
{
    [Theory]
    [InlineData("PAIR 482910", "482910")]
    [InlineData("pair 000111", "000111")]
    [InlineData("  Pair    735512  ", "735512")]
    [InlineData("pair 735 512", "735512")]
    [InlineData("PAIR: 246810", "246810")]
    [InlineData("Pair 909090 🙂", "909090")]
    public void PairCodeIsReadWhateverTheCaseAndSpacing(string text, string otp)
    {
        var reading = SampleTenant.Read(text);

        reading.Intent.ShouldBe(MessageIntent.Pair);
        reading.Otp.ShouldBe(otp);
    }

    [Theory]
    [InlineData("PAIR 12345")]
    [InlineData("pair 1234567")]
    [InlineData("pair abcdef")]
    [InlineData("please pair me 123456 thanks")]
    public void PairWithoutExactlySixDigitsIsNotAPairing(string text) =>
        SampleTenant.Read(text).Intent.ShouldNotBe(MessageIntent.Pair);

    [Theory]
    [InlineData("confirm", MessageIntent.Confirm)]
    [InlineData("Confirmed!", MessageIntent.Confirm)]
    [InlineData("JA", MessageIntent.Confirm)]
    [InlineData("Ja bitte 👍", MessageIntent.Confirm)]
    [InlineData("yes please", MessageIntent.Confirm)]
    [InlineData("Y", MessageIntent.Confirm)]
    [InlineData("bestaetigen", MessageIntent.Confirm)]
    [InlineData("Bestätigt.", MessageIntent.Confirm)]
    [InlineData("cancel", MessageIntent.Cancel)]
    [InlineData("NEIN!", MessageIntent.Cancel)]
    [InlineData("no thanks", MessageIntent.Cancel)]
    [InlineData("Abbrechen", MessageIntent.Cancel)]
    [InlineData("stornieren bitte", MessageIntent.Cancel)]
    [InlineData("hilfe", MessageIntent.Help)]
    [InlineData("HELP?", MessageIntent.Help)]
    [InlineData("?", MessageIntent.Help)]
    [InlineData(" ?? ", MessageIntent.Help)]
    [InlineData("STOP", MessageIntent.Cancel)] // a dispatcher's stop stops the draft; drivers' STOP: see below
    [InlineData("Stopp", MessageIntent.Cancel)]
    [InlineData("abmelden", MessageIntent.Stop)]
    [InlineData("START", MessageIntent.Start)]
    [InlineData("anmelden", MessageIntent.Start)]
    public void OneWordRepliesAreCommands(string text, MessageIntent intent) =>
        SampleTenant.Read(text).Intent.ShouldBe(intent);

    [Theory]
    [InlineData("STOP")]
    [InlineData("Stopp")]
    [InlineData("stop bitte")]
    public void ForADriverStopIsStop(string text) => CommandClassifier.Classify(text)!.Intent.ShouldBe(MessageIntent.Stop);

    [Theory]
    [InlineData("ok")]
    [InlineData("OK super")]
    [InlineData("passt")]
    [InlineData("danke")]
    [InlineData("ja nein")]
    [InlineData("ja, aber erst morgen")]
    [InlineData("stop the truck at the depot")]
    [InlineData("no idea what happened")]
    public void RepliesThatAreNotPlainlyOneCommandAreNotCommands(string text) =>
        CommandClassifier.Classify(text).ShouldBeNull();
}
