namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>A set of <see cref="WordStem"/> entries answering "does this word belong, and how well".</summary>
public sealed class WordList
{
    private readonly WordStem[] stems;

    private WordList(WordStem[] stems) => this.stems = stems;

    public static WordList Of(params string[] notations) =>
        new(Array.ConvertAll(notations, WordStem.Parse));

    public StemMatch BestMatch(string foldedWord)
    {
        var best = StemMatch.None;
        foreach (var stem in stems)
        {
            var match = stem.Match(foldedWord);
            if (match > best)
            {
                best = match;
            }
        }

        return best;
    }

    public bool Contains(string foldedWord) => BestMatch(foldedWord).IsMatch;

    /// <summary>Like <see cref="BestMatch"/>, but a keyword with a small typo still belongs (see <see cref="TolerantMatch"/>).</summary>
    /// <param name="foldedWord">The word as folded by <see cref="TextFolding.Fold"/>.</param>
    /// <param name="minStemLength">Stems shorter than this match exactly only.</param>
    public StemMatch BestTolerantMatch(string foldedWord, int minStemLength = 0)
    {
        var best = BestMatch(foldedWord);
        if (best.IsMatch)
        {
            return best;
        }

        foreach (var stem in stems)
        {
            if (stem.Stem.Length < minStemLength)
            {
                continue;
            }

            var match = stem.MatchTolerant(foldedWord);
            if (match > best)
            {
                best = match;
            }
        }

        return best;
    }

    public bool ContainsTolerant(string foldedWord, int minStemLength = 0) => BestTolerantMatch(foldedWord, minStemLength).IsMatch;
}
