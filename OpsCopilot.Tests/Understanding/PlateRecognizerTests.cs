using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class PlateRecognizerTests
{
    [Theory]
    [InlineData("Bus W-5678 steht", "W-5678")]
    [InlineData("LKW w-2345 hat Probleme", "W-2345")]
    [InlineData("MD-331AB hat Probleme", "MD-331AB")]
    [InlineData("Anhänger BN 77 XZ", "BN-77XZ")]
    [InlineData("Sprinter KO 4455 defekt", "KO-4455")]
    [InlineData("Transporter S-AB 1234 defekt", "S-AB1234")]
    [InlineData("Hänger GU-12K ist kaputt", "GU-12K")]
    [InlineData("Truck W - 8812 broken", "W-8812")]
    [InlineData("LKW W-1234 HAT BREMSENPROBLEM", "W-1234")]
    [InlineData("LKW W4411 Licht kaputt", "W-4411")]
    [InlineData("Auflieger SL 456 AB Reifen", "SL-456AB")]
    public void PlatesAreFoundAndNormalised(string text, string plate) =>
        PlateRecognizer.FindFirst(text)?.Normalized.ShouldBe(plate);

    [Theory]
    [InlineData("Stau auf der A1 Richtung Linz")]
    [InlineData("auf der A 2 bei Graz")]
    [InlineData("Unfall auf der S 6")]
    [InlineData("Was ist mit Ticket 7?")]
    [InlineData("Status Ticket #12")]
    [InlineData("KW 12 Planung")]
    [InlineData("UM 6 UHR")]
    [InlineData("Schicht am 24.12. um 06:00")]
    [InlineData("PAIR 123456")]
    [InlineData("Halle 3, Tor 2")]
    [InlineData("W1234 steht im Hof")]
    [InlineData("Nr 5 bitte")]
    public void OrdinaryWordsAndNumbersAreNotPlates(string text) =>
        PlateRecognizer.FindFirst(text).ShouldBeNull();

    [Fact]
    public void FirstPlateWinsWhenSeveralAreNamed() =>
        PlateRecognizer.FindAll("W-1111 hat W-2222 gestreift").Select(p => p.Normalized).ShouldBe(["W-1111", "W-2222"]);
}
