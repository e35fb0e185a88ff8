using System.Globalization;
using System.Text;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// One comparison key for words typed with or without diacritics: "Müller", "Mueller" and "muller"
/// all fold to "muller", "Bestätigen" and "bestaetigen" to "bestatigen".
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            AppendFolded(builder, c);
        }

        // Transliterated umlauts ("ae") must meet stripped ones ("a"); folding both sides the same way keeps
        // vocabulary and message comparable even where the collapse hits an ordinary "ue" as in "neue".
        return builder.ToString()
            .Replace("ae", "a", StringComparison.Ordinal)
            .Replace("oe", "o", StringComparison.Ordinal)
            .Replace("ue", "u", StringComparison.Ordinal);
    }

    private static void AppendFolded(StringBuilder builder, char c)
    {
        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return;
        }

        switch (c)
        {
            case 'ß': builder.Append("ss"); break;
            case 'ı': builder.Append('i'); break;
            case 'ł': builder.Append('l'); break;
            case 'ø': builder.Append('o'); break;
            case 'đ': builder.Append('d'); break;
            case 'æ': builder.Append("ae"); break;
            case 'œ': builder.Append("oe"); break;
            // Apostrophes vanish so "doesn't" and "doesnt" are one word.
            case '\'':
            case '’':
                break;
            default: builder.Append(c); break;
        }
    }
}
