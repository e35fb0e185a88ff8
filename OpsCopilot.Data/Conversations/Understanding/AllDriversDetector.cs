namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Recognises a broadcast to everyone: "an alle (Fahrer)", "to all drivers", "für alle", "allen Fahrern",
/// "everyone", "das ganze Team". A bare "alle" elsewhere ("alle Touren") does not count.
/// </summary>
public static class AllDriversDetector
{
    private static readonly WordList AllWords = WordList.Of("=alle", "=allen", "=all");
    private static readonly WordList EveryWords = WordList.Of("=jeden", "=jede", "=jedem", "=each", "=every");
    private static readonly WordList WholeWords = WordList.Of(
        "=ganze", "=ganzen", "=gesamte", "=gesamten", "=whole", "=entire");
    private static readonly WordList Everyone = WordList.Of("=everyone", "=everybody", "=allesamt");
    private static readonly WordList AddressPrepositions = WordList.Of("=an", "=to", "=für", "=for");
    private static readonly WordList People = WordList.Of(
        "^fahrer", "^driver", "^kolleg", "^mitarbeiter", "=team", "=staff", "=leute", "=people", "=flotte", "=fleet");

    public static bool AddressesEveryone(IReadOnlyList<MessageToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Folded;
            var previous = i > 0 ? tokens[i - 1].Folded : string.Empty;
            var next = i + 1 < tokens.Count ? tokens[i + 1].Folded : string.Empty;
            // "alle Fahrer" or "an alle": the word after "an alle" may be anything ("an alle: morgen ...").
            var isAll = AllWords.Contains(word) && (AddressPrepositions.Contains(previous) || People.Contains(next));
            var isEvery = (EveryWords.Contains(word) || WholeWords.Contains(word)) && People.Contains(next);
            if (isAll || isEvery || Everyone.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}
