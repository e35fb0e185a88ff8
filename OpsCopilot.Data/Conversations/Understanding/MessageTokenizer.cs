namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>Splits a message into words on anything that is not a letter or digit (so "Schicht-Erinnerung" is two words).</summary>
public static class MessageTokenizer
{
    public static IReadOnlyList<MessageToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

        return tokens;
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
