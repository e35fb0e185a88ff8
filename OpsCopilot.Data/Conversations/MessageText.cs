using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Conversations;

public static class MessageText
{
    /// <summary>
    /// The body as the audit trail keeps it: verbatim, except that a PAIR message's one-time code is masked
    /// (invites store only the code's hash; the trail must not undo that). A PAIR message is one in which
    /// <see cref="CommandClassifier"/> finds a code wherever it stands ("Hallo! PAIR 12345678"), or one that
    /// <see cref="SensitiveText.IsPairingMessage"/> recognises however it is decorated or grouped ("*PAIR 2132 1577*"),
    /// so everything the classifier would pair with is masked.
    /// </summary>
    public static string ForAudit(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (CommandClassifier.PairCodeSpan(body) is { } code)
        {
            // The code exactly as the classifier read it ("12 34 56" too, which a plain digit-run pattern would miss).
            var masked = body.ToCharArray();
            for (var k = code.Start; k < code.Start + code.Length; k++)
            {
                if (char.IsDigit(masked[k])) masked[k] = '*';
            }

            return SensitiveText.Mask(new string(masked));
        }

        return SensitiveText.IsPairingMessage(body) ? SensitiveText.Mask(body) : body;
    }
}
