using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Conversations;

public static class MessageText
{
    /// <summary>
    /// The body as the audit trail keeps it: verbatim, except that a PAIR message's one-time code is masked
    /// (invites store only the code's hash; the trail must not undo that), however it is decorated or grouped
    /// ("*PAIR 2132 1577*", "PAIR 76 67 46 12").
    /// </summary>
    public static string ForAudit(string body) => SensitiveText.IsPairingMessage(body) ? SensitiveText.Mask(body) : body;
}
