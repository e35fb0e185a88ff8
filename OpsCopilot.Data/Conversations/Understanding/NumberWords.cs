namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Numbers written as words, German (with the Austrian "sechse", "achte" forms) and English: "sieben" 7, "zwölfe" 12,
/// "dreißig" 30, "fünfundvierzig" 45, "fifteen" 15. Digits are read as themselves.
/// </summary>
public static class NumberWords
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["null"] = 0, ["eins"] = 1, ["one"] = 1, ["zwei"] = 2, ["zwo"] = 2, ["two"] = 2, ["drei"] = 3, ["three"] = 3,
        ["vier"] = 4, ["four"] = 4, ["funf"] = 5, ["five"] = 5, ["sechs"] = 6, ["six"] = 6, ["sieben"] = 7, ["seven"] = 7,
        ["acht"] = 8, ["eight"] = 8, ["neun"] = 9, ["nine"] = 9, ["zehn"] = 10, ["ten"] = 10, ["elf"] = 11, ["eleven"] = 11,
        ["zwolf"] = 12, ["twelve"] = 12, ["dreizehn"] = 13, ["thirteen"] = 13, ["vierzehn"] = 14, ["fourteen"] = 14,
        ["funfzehn"] = 15, ["fifteen"] = 15, ["sechzehn"] = 16, ["sixteen"] = 16, ["siebzehn"] = 17, ["seventeen"] = 17,
        ["achtzehn"] = 18, ["eighteen"] = 18, ["neunzehn"] = 19, ["nineteen"] = 19, ["zwanzig"] = 20, ["twenty"] = 20,
        ["dreissig"] = 30, ["thirty"] = 30, ["vierzig"] = 40, ["forty"] = 40, ["funfzig"] = 50, ["fifty"] = 50,
        // Austrian spoken forms of the hours: "um sechse", "um achte", "um zwölfe"
        ["zweie"] = 2, ["dreie"] = 3, ["viere"] = 4, ["funfe"] = 5, ["sechse"] = 6, ["siebene"] = 7, ["achte"] = 8,
        ["neune"] = 9, ["zehne"] = 10, ["elfe"] = 11, ["zwolfe"] = 12,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["zwanzig"] = 20, ["dreissig"] = 30, ["vierzig"] = 40, ["funfzig"] = 50,
    };

    /// <summary>The value of a folded word or digit string, or null. "ein"/"eine" count only where a caller allows it.</summary>
    public static int? Value(string foldedWord, bool allowEin = false)
    {
        ArgumentNullException.ThrowIfNull(foldedWord);
        if (foldedWord.Length is > 0 and <= 4 && foldedWord.All(char.IsAsciiDigit))
        {
            return int.Parse(foldedWord, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Units.TryGetValue(foldedWord, out var value))
        {
            return value;
        }

        if (allowEin && foldedWord is "ein" or "eine" or "an" or "a")
        {
            return 1;
        }

        // "einundzwanzig", "fünfundvierzig"
        var und = foldedWord.IndexOf("und", StringComparison.Ordinal);
        if (und > 0 && Tens.TryGetValue(foldedWord[(und + 3)..], out var tens))
        {
            var unit = foldedWord[..und] is "ein" ? 1 : Units.GetValueOrDefault(foldedWord[..und], -1);
            return unit is >= 1 and <= 9 ? tens + unit : null;
        }

        return null;
    }
}
