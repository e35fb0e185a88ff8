using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>
/// The protocol words and ticket status are the rules' alone: the model is never asked, so it can never turn a message
/// into a confirmation (the fake would happily draft a ticket for every one of them).
/// </summary>
public sealed class PlannerCommandTests
{
    [Theory]
    [InlineData("CONFIRM", MessageIntent.Confirm)]
    [InlineData("ja", MessageIntent.Confirm)]
    [InlineData("yes bitte", MessageIntent.Confirm)]
    [InlineData("bestätigen", MessageIntent.Confirm)]
    [InlineData("CANCEL", MessageIntent.Cancel)]
    [InlineData("nein", MessageIntent.Cancel)]
    [InlineData("PAIR 123456", MessageIntent.Pair)]
    [InlineData("HELP", MessageIntent.Help)]
    [InlineData("?", MessageIntent.Help)]
    // A dispatcher's bare STOP stops the draft (docs/conversation.md); the subscription word stays STOP.
    [InlineData("STOP", MessageIntent.Cancel)]
    [InlineData("abmelden", MessageIntent.Stop)]
    [InlineData("START", MessageIntent.Start)]
    [InlineData("Status Ticket #12", MessageIntent.TicketStatus)]
    public async Task Commands_never_reach_the_model(string text, MessageIntent intent)
    {
        await using var planner = await PlannerHarness.StartAsync(
            ScriptedAnswer.Call(PlannerTools.CreateTicketDraft, new { title = "Invented by the model" }));

        var reading = await planner.ReadAsync(text);

        reading.Intent.ShouldBe(intent);
        reading.ShouldReadLike(PlannerHarness.RulesRead(text));
        planner.Endpoint.Requests.Count.ShouldBe(0);
        planner.FallbackReasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_messages_are_not_sent_either(string text)
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { }));

        (await planner.ReadAsync(text)).ShouldBe(MessageReading.Unknown);
        planner.Endpoint.Requests.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_non_command_is_planned_even_when_it_mentions_confirming()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { }));

        (await planner.ReadAsync("ja, aber erst morgen")).ShouldBe(MessageReading.Unknown);
        planner.Endpoint.Requests.Count.ShouldBe(1);
    }
}
