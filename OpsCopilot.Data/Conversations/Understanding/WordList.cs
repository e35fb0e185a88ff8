namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>A set of <see cref="WordStem"/> entries answering "does this word belong, and how well".</summary>
public sealed class WordList
{
    private readonly WordStem[] _stems;

    private WordList(WordStem[] stems) => _stems = stems;

    public static WordList Of(params string[] notations) =>
        new(Array.ConvertAll(notations, WordStem.Parse));

    public StemMatch BestMatch(string foldedWord)
    {
        var best = StemMatch.None;
        foreach (var stem in _stems)
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
}
