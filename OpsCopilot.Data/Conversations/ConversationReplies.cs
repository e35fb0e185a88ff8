using System.Globalization;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// The copilot's replies. The runbook and DESIGN.md §6 fix some of them word for word: keep those exact.
/// </summary>
public static class ConversationReplies
{
    public const string Paired = "Paired successfully!";

    public const string NotPaired = "This number is not paired. Ask your admin for a pairing code and send: PAIR <code>";

    public const string Help = """
        Ops Copilot - what you can send:
        - a vehicle problem, e.g. "LKW W-1234 hat Bremsenproblem" (creates a ticket draft)
        - a driver message, e.g. "Schichterinnerung an Max Mustermann für morgen 06:00"
        - "Status Ticket #12" for a ticket's status
        - CONFIRM or CANCEL for your latest draft
        - HELP for this message
        """;

    public static string TicketDraft(string title) => $"Create ticket: '{title}'? Reply CONFIRM or CANCEL";

    public static string TicketCreated(int ticketNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"Ticket #{ticketNumber} created");

    public static string BroadcastDraft(string templateKey, int driverCount) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Send template {templateKey} to {driverCount} {(driverCount == 1 ? "driver" : "drivers")}? Reply CONFIRM or CANCEL");
}
