namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Recognises a broadcast to everyone: "an alle (Fahrer)", "Erinner alle an die Schicht", "sag allen Bescheid",
/// "allen Fahrern", "jeden Fahrer", "bitte jeden erinnern", "to all drivers", "everyone", "das ganze Team". "alle" and
/// "jeder" stand for everyone when they stand alone (before a small word, a day, or the end); before a noun other
/// than people ("alle Touren", "jeden Tag") they do not.
/// </summary>
public static class AllDriversDetector
{
    private static readonly WordList AllWords = WordList.Of("=alle", "=allen", "=all", "=olle", "=ollen");
    private static readonly WordList EveryWords = WordList.Of("=jeden", "=jede", "=jedem", "=jeder", "=each", "=every");
    private static readonly WordList WholeWords = WordList.Of(
        "=ganze", "=ganzen", "=gesamte", "=gesamten", "=whole", "=entire");
    private static readonly WordList Everyone = WordList.Of(
        "=everyone", "=everybody", "=allesamt", "=jedermann", "=sämtliche", "=sämtlichen");
    private static readonly WordList AddressPrepositions = WordList.Of("=an", "=to", "=für", "=for");
    private static readonly WordList People = WordList.Of(
        "^fahrer", "^driver", "^kolleg", "^mitarbeiter", "=team", "=staff", "=leute", "=people", "=flotte", "=fleet",
        "=mannschaft", "=jungs", "=burschen", "=guys", "=crew", "=chauffeure", "=lenker", "=lenkern");

    // After these a People word in the plural is everyone: "die Fahrer", "den Fahrern", "the drivers", "unsere Leute".
    private static readonly WordList PluralDeterminers = WordList.Of(
        "=die", "=den", "=the", "=unsere", "=unseren", "=meine", "=meinen", "=our", "=my", "=eure", "=euren", "=your");
    private static readonly WordList PluralPeople = WordList.Of(
        "=fahrer", "=fahrern", "=drivers", "=kollegen", "=colleagues", "=leute", "=jungs", "=burschen", "=guys",
        "=mitarbeiter", "=mitarbeitern", "=lenker", "=lenkern", "=chauffeure", "=chauffeuren");

    // Nouns of time and place after which "alle"/"jeden" count things, not people.
    private static readonly WordList NotPeople = WordList.Of(
        "=tag", "=tage", "=tagen", "=woche", "=wochen", "=morgen", "=abend", "=mal", "=day", "=days", "=week", "=time",
        "=times", "=bescheid");

    public static bool AddressesEveryone(IReadOnlyList<MessageToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Folded;
            var previous = i > 0 ? tokens[i - 1].Folded : string.Empty;
            var next = i + 1 < tokens.Count ? tokens[i + 1].Folded : string.Empty;
            var standsAlone = StandsAlone(tokens, i);
            var isAll = AllWords.Contains(word) && (AddressPrepositions.Contains(previous) || People.Contains(next) || standsAlone
                || (word is "allen" or "ollen" && next == "bescheid"));
            var isEvery = EveryWords.Contains(word) && (People.Contains(next) || (standsAlone && word is not "each" and not "every"));
            var isWhole = WholeWords.Contains(word) && People.Contains(next);
            if (isAll || isEvery || isWhole || Everyone.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"die Fahrer", "den Fahrern", "the drivers": everyone, unless the message also names drivers.</summary>
    public static bool AddressesDriversAsAGroup(IReadOnlyList<MessageToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 1; i < tokens.Count; i++)
        {
            if (PluralPeople.Contains(tokens[i].Folded) && PluralDeterminers.Contains(tokens[i - 1].Folded)
                && !(tokens[i].Folded == "fahrer" && tokens[i - 1].Folded == "den"))
            {
                return true;
            }
        }

        return false;
    }

    // "Erinner alle an die Schicht", "bitte jeden morgen erinnern", "Info an alle.": the word ends its phrase.
    private static bool StandsAlone(IReadOnlyList<MessageToken> tokens, int i)
    {
        if (i + 1 >= tokens.Count)
        {
            return true;
        }

        var next = tokens[i + 1];
        if (next.GapBefore.Any(c => c is ',' or '.' or ':' or ';' or '!' or '?' or '\n'))
        {
            return true;
        }

        return !NotPeople.Contains(next.Folded)
            && (FunctionWords.Contains(next.Folded) || RelativeDateReader.IsDayAt(tokens, i + 1) || next.IsNumber
                || TemplateVocabulary.IsVocabularyWord(next.Folded));
    }
}
