namespace OpsCopilot.Data.Drafts;

/// <summary>The exact replies of docs/conversation.md; dispatchers and tests depend on the wording.</summary>
public static class DraftTexts
{
    public static string TicketPreview(string title) => $"Create ticket: '{title}'? Reply CONFIRM or CANCEL";

    public static string TicketCommitted(int ticketNumber) => $"Ticket #{ticketNumber} created";

    public static string BroadcastPreview(string templateKey, int recipients) =>
        $"Send template {templateKey} to {recipients} driver{(recipients == 1 ? "" : "s")}? Reply CONFIRM or CANCEL";

    /// <summary>
    /// The WhatsApp reply to a new ticket draft: the runbook's sentence verbatim as the first line, then the plate and
    /// title as read, so the dispatcher confirms what they can see.
    /// </summary>
    public static string TicketDraftReply(string title, string? plate) =>
        $"{TicketPreview(title)}\nVehicle: {plate ?? "none named"}\nTitle: {title}";

    /// <summary>Names listed in a broadcast reply before it says how many more there are.</summary>
    public const int MaxNamesListed = 10;

    /// <summary>
    /// The WhatsApp reply to a new broadcast draft: the runbook's sentence verbatim as the first line, then who gets
    /// it by name and the text as the first of them will read it.
    /// </summary>
    public static string BroadcastDraftReply(string templateKey, IReadOnlyList<string> recipientNames, string renderedText)
    {
        ArgumentNullException.ThrowIfNull(recipientNames);
        var names = string.Join(", ", recipientNames.Take(MaxNamesListed));
        var more = recipientNames.Count > MaxNamesListed ? $" and {recipientNames.Count - MaxNamesListed} more" : "";
        var textLabel = recipientNames.Count > 1 ? $"Text (for {recipientNames[0]}; each driver gets their own name)" : "Text";
        return $"{BroadcastPreview(templateKey, recipientNames.Count)}\nTo: {names}{more}\n{textLabel}: {renderedText}";
    }

    public static string BroadcastCommitted(string templateKey, int recipients) =>
        $"Template {templateKey} queued for {recipients} driver{(recipients == 1 ? "" : "s")}";
}
