namespace OpsCopilot.Data.Drafts;

/// <summary>The exact replies of docs/conversation.md; dispatchers and tests depend on the wording.</summary>
public static class DraftTexts
{
    public static string TicketPreview(string title) => $"Create ticket: '{title}'? Reply CONFIRM or CANCEL";

    public static string TicketCommitted(int ticketNumber) => $"Ticket #{ticketNumber} created";

    public static string BroadcastPreview(string templateKey, int recipients) =>
        $"Send template {templateKey} to {recipients} driver{(recipients == 1 ? "" : "s")}? Reply CONFIRM or CANCEL";

    public static string BroadcastCommitted(string templateKey, int recipients) =>
        $"Template {templateKey} queued for {recipients} driver{(recipients == 1 ? "" : "s")}";
}
