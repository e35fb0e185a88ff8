using System.Globalization;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// The copilot's replies. docs/conversation.md fixes some of them word for word (from the runbook): keep those exact.
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

    public const string AlreadyPaired = "This number is already paired.";
    public const string Subscribed = "You will receive driver messages again. Send STOP to unsubscribe.";
    public const string Unsubscribed = "You will no longer receive driver messages. Send START to receive them again.";
    public const string DriverOnly = "This number receives driver messages only. Send STOP to unsubscribe or START to subscribe again.";
    public const string NothingToConfirm = "There is no draft waiting for your confirmation.";
    public const string DraftExpired = "This draft has expired. Send your request again.";
    public const string DraftCancelled = "Draft cancelled.";
    public const string Done = "Done.";
    public const string WhichDrivers = "Which drivers should get it? Name them, or write \"an alle Fahrer\".";

    /// <summary>Below a corrected draft: the one it replaces is gone.</summary>
    public const string PreviousDraftCancelled = "(Your previous draft was cancelled.)";

    /// <summary>
    /// An "ok", "passt" or 👍 while a draft waits: on a phone that usually means "seen", so it decides nothing and the
    /// question is asked again.
    /// </summary>
    public static string StillWaiting(string preview) =>
        $"Still waiting for your decision: {preview.Replace(" Reply CONFIRM or CANCEL", "", StringComparison.Ordinal)} Reply CONFIRM (or \"ja\") to go ahead, CANCEL (or \"nein\") to discard.";

    public static string ForPairing(string outcome) => outcome switch
    {
        "paired" => Paired,
        "already_paired" => AlreadyPaired,
        "used" => "That pairing code was already used. Ask your admin for a new one.",
        "expired" => "That pairing code has expired. Ask your admin for a new one.",
        "revoked" => "That pairing code was revoked. Ask your admin for a new one.",
        "rate_limited" => "Too many pairing attempts. Try again tomorrow, or ask your admin for help.",
        _ => "That pairing code is not valid. Check it and send: PAIR <code>",
    };

    public static string UnknownDrivers(IReadOnlyList<string> names) =>
        $"I don't know the driver{(names.Count == 1 ? "" : "s")} {string.Join(", ", names)}. Check the spelling and send the request again.";

    public static string CannotBroadcast(string reason) => $"Cannot prepare this message: {reason}";

    public static string CommitFailed(string error) => $"That did not work: {error} Reply CONFIRM to try again or CANCEL.";

    public static string DraftIs(string status) => $"This draft is {status}.";

    public static string TicketStatus(int number, string title, string status) =>
        string.Create(CultureInfo.InvariantCulture, $"Ticket #{number} '{title}': {status}");

    public static string NoSuchTicket(int number) => string.Create(CultureInfo.InvariantCulture, $"There is no ticket #{number}.");
}
