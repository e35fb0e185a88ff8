using System.Text.RegularExpressions;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Conversations;

public static partial class MessageText
{
    /// <summary>
    /// The body as the audit trail keeps it: verbatim, except that a PAIR message's one-time code is masked
    /// (invites store only the code's hash; the trail must not undo that).
    /// </summary>
    public static string ForAudit(string body) => PairCommand().IsMatch(body) ? SensitiveText.Mask(body) : body;

    [GeneratedRegex(@"^\s*pair(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairCommand();
}
