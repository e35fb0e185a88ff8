namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// A vocabulary entry written in a tiny notation: "=ol" only the whole word, "^leak" word start,
/// "$bremse" word end, plain "motor" either end of a compound. Short or ambiguous stems use "="
/// so that "ol" (Öl) does not fire inside "Kontrolle".
/// </summary>
public sealed class WordStem
{
    private const int Exact = 3;
    private const int Suffix = 2;
    private const int Prefix = 1;

    // Below every exact kind of match: a typo never outranks a word written right.
    private const int Typo = 0;

    private readonly bool allowsPrefix;
    private readonly bool allowsSuffix;

    private WordStem(string stem, bool allowsPrefix, bool allowsSuffix)
    {
        Stem = stem;
        this.allowsPrefix = allowsPrefix;
        this.allowsSuffix = allowsSuffix;
    }

    public string Stem { get; }

    public static WordStem Parse(string notation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notation);
        return notation[0] switch
        {
            '=' => new WordStem(TextFolding.Fold(notation[1..]), allowsPrefix: false, allowsSuffix: false),
            '^' => new WordStem(TextFolding.Fold(notation[1..]), allowsPrefix: true, allowsSuffix: false),
            '$' => new WordStem(TextFolding.Fold(notation[1..]), allowsPrefix: false, allowsSuffix: true),
            _ => new WordStem(TextFolding.Fold(notation), allowsPrefix: true, allowsSuffix: true),
        };
    }

    public StemMatch Match(string foldedWord)
    {
        if (string.Equals(foldedWord, Stem, StringComparison.Ordinal))
        {
            return new StemMatch(Exact, Stem.Length);
        }

        if (allowsSuffix && foldedWord.EndsWith(Stem, StringComparison.Ordinal))
        {
            return new StemMatch(Suffix, Stem.Length);
        }

        if (allowsPrefix && foldedWord.StartsWith(Stem, StringComparison.Ordinal))
        {
            return new StemMatch(Prefix, Stem.Length);
        }

        return StemMatch.None;
    }

    /// <summary>
    /// <see cref="Match"/>, or else a typo of the whole word ("=") or of the word's start ("^" and plain stems) as
    /// <see cref="TolerantMatch"/> allows it; a typo hit ranks below every exact one. Suffix-only stems stay exact:
    /// the head of a compound is where a typo would turn one word into another.
    /// </summary>
    public StemMatch MatchTolerant(string foldedWord)
    {
        var exact = Match(foldedWord);
        if (exact.IsMatch)
        {
            return exact;
        }

        var typo = allowsPrefix
            ? TolerantMatch.HasTypoPrefix(foldedWord, Stem)
            : !allowsSuffix && TolerantMatch.IsTypoOf(foldedWord, Stem);
        return typo ? new StemMatch(Typo, Stem.Length) : StemMatch.None;
    }
}
