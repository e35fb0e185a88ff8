using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Tests.WhatsApp;

public sealed class ConversationTextTests
{
    [Theory]
    [InlineData("PAIR 123456", "PAIR ******")]
    [InlineData("  pair 123 456", "  pair *** ***")]
    [InlineData("Pair-654321", "Pair-******")]
    [InlineData("LKW W-1234 hat Bremsenproblem", "LKW W-1234 hat Bremsenproblem")]
    [InlineData("Paired 123456 trucks", "Paired 123456 trucks")]
    [InlineData("Status Ticket #123456", "Status Ticket #123456")]
    [InlineData("Hallo! PAIR 123456 danke", "Hallo! PAIR ****** danke")]
    [InlineData("servus, pair 12 34 56", "servus, pair ** ** **")]
    public void Only_a_PAIR_message_has_its_code_masked_in_the_audit_trail(string body, string audited) =>
        MessageText.ForAudit(body).ShouldBe(audited);

    [Fact]
    public void The_replies_fixed_by_the_runbook_are_exact()
    {
        ConversationReplies.Paired.ShouldBe("Paired successfully!");
        DraftTexts.TicketPreview("Bremsenproblem LKW W-1234").ShouldBe("Create ticket: 'Bremsenproblem LKW W-1234'? Reply CONFIRM or CANCEL");
        DraftTexts.TicketCommitted(1).ShouldBe("Ticket #1 created");
        DraftTexts.BroadcastPreview("shift_reminder", 1).ShouldBe("Send template shift_reminder to 1 driver? Reply CONFIRM or CANCEL");
        DraftTexts.BroadcastPreview("shift_reminder", 3).ShouldBe("Send template shift_reminder to 3 drivers? Reply CONFIRM or CANCEL");
        ConversationReplies.NotPaired.ShouldContain("PAIR <code>");
    }
}
