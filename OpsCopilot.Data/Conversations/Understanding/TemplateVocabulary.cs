namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Built-in German/English wording for the well-known template keys. Phrases must appear as written
/// (compounds and hyphenation are equivalent: "Schichterinnerung" = "Schicht-Erinnerung"); concept groups match
/// when every group has a word anywhere in the message ("Erinnere Max an seine Schicht").
/// </summary>
public static class TemplateVocabulary
{
    private static readonly Dictionary<string, BuiltInTemplateWords> ByKey = new(StringComparer.OrdinalIgnoreCase)
    {
        ["shift_reminder"] = new(
            [
                "Schichterinnerung", "Erinnerung Schicht", "Schicht Erinnerung", "Erinnerung an Schicht",
                "Erinnerung an die Schicht", "Erinnerung für die Schicht", "Erinnerung zur Schicht",
                "Schichtbeginn Erinnerung", "Dienst Erinnerung", "shift reminder", "reminder shift", "reminder for shift",
                "reminder for the shift",
            ],
            [
                WordList.Of("schicht", "shift", "=dienst", "^dienstbeginn", "^dienstantritt"),
                WordList.Of("^erinner", "^remind"),
            ]),
        ["route_change"] = new(
            [
                "Routenänderung", "Route geändert", "neue Route", "Routenwechsel", "Tourenänderung", "Touränderung",
                "geänderte Route", "Route ändert sich", "route change", "route changed", "new route", "changed route",
                "route update",
            ],
            [
                WordList.Of("^route", "=tour", "$tour", "=touren", "^tourenplan", "strecke"),
                WordList.Of(
                    "$änderung", "^geändert", "^ändern", "=ändert", "=neu", "=neuer", "=neues", "=neuen", "=change",
                    "=changed", "=changes", "=new", "=updated", "=update", "^umgeleitet", "$umleitung", "=detour",
                    "$wechsel", "=jetzt", "=now", "=statt", "=instead"),
            ]),
        ["depot_closure"] = new(
            [
                "Depotschließung", "Depot geschlossen", "Depot bleibt geschlossen", "Depot zu", "Schließung Depot",
                "Schließung des Depots", "depot closure", "depot closed", "depot closing", "closure of the depot",
            ],
            [
                WordList.Of("depot", "$lager", "=lager", "standort", "=hub", "halle", "niederlassung", "warehouse", "=site"),
                WordList.Of("^geschlossen", "^schließ", "$schließung", "^closed", "^closure", "^closing", "=close"),
            ]),
    };

    private static readonly IReadOnlyList<WordList> AllConceptWords = ByKey.Values.SelectMany(v => v.ConceptGroups).ToArray();

    public static IReadOnlyList<string> PhrasesFor(string templateKey) =>
        ByKey.TryGetValue(templateKey, out var words) ? words.Phrases : [];

    public static IReadOnlyList<WordList> ConceptGroupsFor(string templateKey) =>
        ByKey.TryGetValue(templateKey, out var words) ? words.ConceptGroups : [];

    /// <summary>True for words such as "Schicht" or "Route" that name a broadcast, never a person.</summary>
    public static bool IsVocabularyWord(string foldedWord) => AllConceptWords.Any(list => list.Contains(foldedWord));

    private sealed record BuiltInTemplateWords(IReadOnlyList<string> Phrases, IReadOnlyList<WordList> ConceptGroups);
}
