namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>Splits a message into words on anything that is not a letter or digit (so "Schicht-Erinnerung" is two words).</summary>
public static class MessageTokenizer
{
    /// <summary>
    /// The last text this thread split, and its words. Every reader of a message (the command classifier, asked by
    /// the conversation, the router and the interpreter; the status, title, date and time readers) splits the same
    /// string again; the message is one string instance throughout, so the same instance answers from here. Tokens
    /// are immutable and the list is read-only, so sharing it is safe.
    /// </summary>
    [ThreadStatic]
    private static (string Text, IReadOnlyList<MessageToken> Tokens)? last;

    public static IReadOnlyList<MessageToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (last is { } previous && ReferenceEquals(previous.Text, text)) return previous.Tokens;
        var tokens = Split(text);
        last = (text, tokens);
        return tokens;
    }

    private static IReadOnlyList<MessageToken> Split(string text)
    {
        var tokens = new List<MessageToken>();
        var previousEnd = 0;
        var index = 0;
        while (index < text.Length)
        {
            if (!IsWordChar(text, index))
            {
                index++;
                continue;
            }

            var start = index;
            while (index < text.Length && IsWordChar(text, index))
            {
                index++;
            }

            var word = text[start..index];
            tokens.Add(new MessageToken(word, TextFolding.Fold(word), start, text[previousEnd..start]));
            previousEnd = index;
        }

        return tokens.AsReadOnly();
    }

    private static bool IsWordChar(string text, int index)
    {
        var c = text[index];
        if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
        {
            return true;
        }

        // An apostrophe between letters belongs to the word ("doesn't", "won’t").
        return (c == '\'' || c == '’')
            && index > 0 && index + 1 < text.Length
            && char.IsLetter(text[index - 1]) && char.IsLetter(text[index + 1]);
    }
}
