using System.Globalization;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What the dispatcher hears about a decision made somewhere else than in their own CONFIRM / CANCEL: in the console,
/// by the office's recovery of a stuck draft, or by a message that crossed theirs. Each outcome is told exactly once,
/// by whoever decided (docs/conversation.md).
/// </summary>
public static class DecisionReplies
{
    /// <summary>CONFIRM finds the dispatcher's draft stuck half-way (a crash): nothing to decide, nothing to hide.</summary>
    public const string BeingExecuted = "Your request is being executed — the office has been told.";

    /// <summary>Their CONFIRM / CANCEL lost the race to a decision made a moment earlier; its outcome reaches them on its own.</summary>
    public const string AlreadyConfirmed = "This draft was already confirmed; you get the result in a separate message.";

    public const string AlreadyCancelled = "This draft was already cancelled.";

    /// <summary>The console confirmed: the action's own reply ("Ticket #12 created") and who decided.</summary>
    public static string ConfirmedInConsole(string outcome, string by) => $"{outcome} — confirmed in the console by {by}";

    public static string CancelledInConsole(string question, string by) => $"Draft cancelled in the console by {by}: {question}";

    /// <summary>After deciding one draft, the next one CONFIRM / CANCEL would act on (newest first).</summary>
    public static string NextWaiting(int waiting, string preview) => waiting == 1
        ? $"1 more draft is waiting: {preview}"
        : string.Create(CultureInfo.InvariantCulture, $"{waiting} more drafts are waiting, the newest first: {preview}");

    /// <summary>The office reset a stuck draft: nothing was executed, and CONFIRM reaches it again.</summary>
    public static string ResetByOffice(string preview) => $"Your request was not executed; the office reset it. {preview}";

    /// <summary>The office marked a stuck draft failed: it may have partly happened, so they check it by hand.</summary>
    public static string FailedByOffice(string question) => $"Your request could not be completed; the office is checking it by hand: {question}";

    /// <summary>"Create ticket: 'X'? Reply CONFIRM or CANCEL" without the instruction, for messages that ask nothing.</summary>
    public static string Question(string preview)
    {
        const string instruction = " Reply CONFIRM or CANCEL";
        return preview.EndsWith(instruction, StringComparison.Ordinal) ? preview[..^instruction.Length] : preview;
    }

    /// <summary>
    /// How a console user is named to a dispatcher: the display name, else the e-mail's local part ("anna@…"): enough for a
    /// colleague to know who it was, without spelling out an address.
    /// </summary>
    public static string ConsoleUser(string? displayName, string? email)
    {
        if (!string.IsNullOrWhiteSpace(displayName)) return displayName.Trim();
        if (string.IsNullOrWhiteSpace(email)) return "the office";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? email[..at] : email;
        return (local.Length > 24 ? local[..24] : local) + "@…";
    }
}
