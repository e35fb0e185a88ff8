using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class TicketRequestTests
{
    [Fact]
    public void SpecExampleGivesExactlyTheSpecifiedTitle()
    {
        var ticket = SampleTenant.ReadTicket("LKW W-1234 hat Bremsenproblem");

        ticket.Title.ShouldBe("Bremsenproblem LKW W-1234");
        ticket.VehiclePlate.ShouldBe("W-1234");
        ticket.Description.ShouldBe("LKW W-1234 hat Bremsenproblem");
    }

    [Theory]
    [InlineData("Sprinter WN 512 CD springt nicht an", "WN-512CD", "springt nicht an")]
    [InlineData("Truck G-4711 won't start, battery dead", "G-4711", "battery")]
    [InlineData("Bremsen quietschen bei LKW L-332AB", "L-332AB", "Bremsen")]
    [InlineData("Reifen platt am Auflieger GU 881 K", "GU-881K", "Reifen")]
    [InlineData("Ölverlust beim Transporter BN-44 ZZ", "BN-44ZZ", "Ölverlust")]
    [InlineData("Flat tyre on van W-90210 near exit 12", "W-90210", "tyre")]
    [InlineData("Klimaanlage im Bus W 4432 AB geht nicht", "W-4432AB", "Klimaanlage")]
    [InlineData("Kühlwagen W-5512: Kühlung ausgefallen", "W-5512", "Kühlung")]
    [InlineData("Unfall auf der A1, LKW W-7733 beteiligt", "W-7733", "Unfall")]
    [InlineData("The brakes on truck W-1234 are making noise", "W-1234", "brakes")]
    [InlineData("Hallo, LKW W 1234 hat einen Platten", "W-1234", "Platten")]
    [InlineData("Reifenwechsel für W-2231X bitte einplanen", "W-2231X", "Reifenwechsel")]
    [InlineData("Windschutzscheibe vom Sprinter MD-14 gesprungen", "MD-14", "Windschutzscheibe")]
    public void DefectReportsBecomeTicketsWithPlateAndProblemWords(string text, string plate, string titleWord)
    {
        var ticket = SampleTenant.ReadTicket(text);

        ticket.VehiclePlate.ShouldBe(plate);
        ticket.Title.ShouldContain(titleWord, Case.Insensitive);
        ticket.Title.ShouldContain(plate);
        ticket.Title.Length.ShouldBeLessThanOrEqualTo(TicketTitleBuilder.MaxTitleLength);
        ticket.Description.ShouldBe(text);
    }

    [Theory]
    [InlineData("Gabelstapler in Halle 3 defekt", "Gabelstapler")]
    [InlineData("Tachograph kaputt", "Tachograph")]
    [InlineData("Rolltor im Lager Nord klemmt", "Rolltor")]
    [InlineData("Scanner at the dock not working", "Scanner")]
    public void EquipmentProblemsWithoutAPlateHaveNoPlate(string text, string titleWord)
    {
        var ticket = SampleTenant.ReadTicket(text);

        ticket.VehiclePlate.ShouldBeNull();
        ticket.Title.ShouldContain(titleWord, Case.Insensitive);
    }

    [Fact]
    public void TitleKeepsTheVehicleWordAndPlateAfterTheProblem() =>
        SampleTenant.ReadTicket("Kühlaggregat im Kühlauflieger W-1200 ausgefallen").Title
            .ShouldBe("Kühlaggregat ausgefallen Kühlauflieger W-1200");

    [Fact]
    public void LongMessagesGiveShortTitlesButKeepTheWholeDescription()
    {
        var text = "  Bremse, Licht, Spiegel, Reifen, Tür, Heizung, Getriebe und Kupplung vom LKW W-9000 sind alle kaputt " +
                   "und das Kühlaggregat ist auch ausgefallen, bitte dringend jemanden schicken!  ";

        var ticket = SampleTenant.ReadTicket(text);

        ticket.Title.Length.ShouldBeLessThanOrEqualTo(TicketTitleBuilder.MaxTitleLength);
        ticket.Title.ShouldEndWith("LKW W-9000");
        ticket.Description.ShouldBe(text.Trim());
    }

    [Fact]
    public void ShoutedMessageKeepsPlateWithoutTheFollowingWord() =>
        SampleTenant.ReadTicket("LKW W-1234 HAT BREMSENPROBLEM").Title.ShouldBe("BREMSENPROBLEM LKW W-1234");

    [Theory]
    [InlineData("Guten Morgen zusammen!")]
    [InlineData("Danke, passt so 🙏")]
    [InlineData("W-1234 ist in der Werkstatt")]
    [InlineData("Bremse repariert, danke")]
    [InlineData("LKW W-4410 läuft wieder")]
    [InlineData("Kein Problem, alles ok")]
    [InlineData("Motor von W-1234 ist nicht kaputt")]
    [InlineData("Stau auf der A1 bei km 45")]
    [InlineData("Licht aus bitte")]
    [InlineData("Max kommt morgen später")]
    public void MessagesWithoutADefectAreNotTickets(string text) =>
        SampleTenant.Read(text).Intent.ShouldBe(MessageIntent.Unknown);

    [Theory]
    [InlineData("Wir haben eine Zeitspanne von 2 Stunden")]
    [InlineData("Das Essen war lecker")]
    [InlineData("Bitte Warnweste tragen")]
    [InlineData("Ich kann das nicht begreifen")]
    public void WordsThatMerelyContainAProblemStemAreNotTickets(string text) =>
        SampleTenant.Read(text).Intent.ShouldBe(MessageIntent.Unknown);
}
