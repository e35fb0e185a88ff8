using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Recognises the one-word protocol replies (PAIR, CONFIRM, CANCEL, HELP, STOP, START) in German and English.
/// A reply counts only when every word is either that command or a courtesy word, because CONFIRM commits
/// a draft: "ok super" or "ja, aber morgen" must not be taken as a yes.
/// </summary>
public static partial class CommandClassifier
{
    private const int MaxCommandWords = 4;

    private static readonly (MessageIntent Intent, WordList Words)[] Commands =
    [
        (MessageIntent.Confirm, WordList.Of(
            "=confirm", "=confirmed", "=ja", "=yes", "=y", "=yep", "=jawohl", "=bestätigen", "=bestätigt", "=bestätige")),
        (MessageIntent.Cancel, WordList.Of(
            "=cancel", "=nein", "=no", "=n", "=nope", "=abbrechen", "=abbruch", "=stornieren", "=storno", "=verwerfen", "=discard")),
        (MessageIntent.Help, WordList.Of("=help", "=hilfe")),
        (MessageIntent.Stop, WordList.Of("=stop", "=stopp", "=abmelden", "=unsubscribe", "=abbestellen")),
        (MessageIntent.Start, WordList.Of("=start", "=anmelden", "=subscribe", "=resubscribe")),
    ];

    private static readonly WordList CourtesyWords = WordList.Of(
        "=bitte", "=please", "=pls", "=plz", "=danke", "=thanks", "=thx", "=ok", "=okay");

    public static MessageReading? Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(c => c == '?'))
        {
            return new MessageReading(MessageIntent.Help);
        }

        var pair = PairPattern().Match(trimmed);
        if (pair.Success)
        {
            var code = string.Concat(pair.Groups["code"].Value.Where(char.IsDigit));
            return new MessageReading(MessageIntent.Pair) { Otp = code };
        }

        var intent = ClassifyCommandWords(MessageTokenizer.Tokenize(trimmed));
        return intent is null ? null : new MessageReading(intent.Value);
    }

    private static MessageIntent? ClassifyCommandWords(IReadOnlyList<MessageToken> tokens)
    {
        if (tokens.Count == 0 || tokens.Count > MaxCommandWords)
        {
            return null;
        }

        MessageIntent? found = null;
        foreach (var token in tokens)
        {
            var intent = CommandOf(token.Folded);
            if (intent is null)
            {
                if (!CourtesyWords.Contains(token.Folded))
                {
                    return null;
                }

                continue;
            }

            // "ja nein" says two things at once; better to ask again than to guess.
            if (found is not null && found != intent)
            {
                return null;
            }

            found = intent;
        }

        return found;
    }

    private static MessageIntent? CommandOf(string foldedWord)
    {
        foreach (var (intent, words) in Commands)
        {
            if (words.Contains(foldedWord))
            {
                return intent;
            }
        }

        return null;
    }

    // Emoji and punctuation around the command are tolerated; the code may be typed in groups ("1234 5678"). Codes
    // have 8 digits since issue 11; a 6-digit code (the earlier length) is still read as an attempt.
    [GeneratedRegex(@"^\W*pair(?:ing)?(?:\s*code)?\s*[:#-]?\s*(?<code>(?:\d\s*){8}|(?:\d\s*){6})\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairPattern();
}
