using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Planner;

internal static class ReadingAssertions
{
    /// <summary>Value comparison of two readings (the broadcast's lists and params compare by content).</summary>
    public static void ShouldReadLike(this MessageReading actual, MessageReading expected)
    {
        actual.Intent.ShouldBe(expected.Intent);
        actual.Otp.ShouldBe(expected.Otp);
        actual.TicketNumber.ShouldBe(expected.TicketNumber);
        actual.Ticket.ShouldBe(expected.Ticket);
        if (expected.Broadcast is not { } broadcast)
        {
            actual.Broadcast.ShouldBeNull();
            return;
        }

        var read = actual.Broadcast.ShouldNotBeNull();
        read.TemplateKey.ShouldBe(broadcast.TemplateKey);
        read.AllDrivers.ShouldBe(broadcast.AllDrivers);
        read.Recipients.ShouldBe(broadcast.Recipients);
        read.UnresolvedNames.ShouldBe(broadcast.UnresolvedNames);
        read.Date.ShouldBe(broadcast.Date);
        read.Time.ShouldBe(broadcast.Time);
        read.Params.OrderBy(p => p.Key).ShouldBe(broadcast.Params.OrderBy(p => p.Key));
    }
}
