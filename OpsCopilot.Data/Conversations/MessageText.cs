using System.Text.RegularExpressions;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Conversations;

public static partial class MessageText
{
    /// <summary>
    /// The body as the audit trail keeps it: verbatim, except that a PAIR message's one-time code is masked
    /// (invites store only the code's hash; the trail must not undo that). A PAIR message is one that starts with the
    /// keyword, or one in which <see cref="CommandClassifier"/> finds a code wherever it stands ("Hallo! PAIR 123456"),
    /// so everything the classifier would pair with is masked.
    /// </summary>
    public static string ForAudit(string body) =>
        PairCommand().IsMatch(body) || CommandClassifier.MentionsPairCode(body) ? SensitiveText.Mask(body) : body;

    [GeneratedRegex(@"^\s*pair(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairCommand();
}
