using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class TicketStatusReaderTests
{
    [Theory]
    [InlineData("Status Ticket #31", 31)]
    [InlineData("status ticket 5", 5)]
    [InlineData("Ticket #108?", 108)]
    [InlineData("ticket 77 status", 77)]
    [InlineData("Was ist mit Ticket Nr. 19?", 19)]
    [InlineData("Wie steht es um Ticket 3", 3)]
    [InlineData("Any update on ticket 42?", 42)]
    [InlineData("What about ticket #8", 8)]
    [InlineData("Status #15", 15)]
    [InlineData("Ticket 12", 12)]
    public void QuestionsAboutATicketNumberAreStatusRequests(string text, int number)
    {
        var reading = SampleTenant.Read(text);

        reading.Intent.ShouldBe(MessageIntent.TicketStatus);
        reading.TicketNumber.ShouldBe(number);
    }

    [Fact]
    public void ANewDefectThatMentionsATicketIsNotAStatusQuestion() =>
        SampleTenant.Read("Ticket 12: LKW W-5120 Bremse kaputt").Intent.ShouldBe(MessageIntent.CreateTicket);

    [Theory]
    [InlineData("#15 ist ein guter Platz")]
    [InlineData("Wir brauchen ein Ticket")]
    public void NoTicketNumberMeansNoStatusRequest(string text) =>
        SampleTenant.Read(text).Intent.ShouldNotBe(MessageIntent.TicketStatus);
}
