namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Reads the problem words of a message. Handles negation both ways: "springt nicht an" / "won't start" is a
/// problem, "nicht kaputt" / "kein Problem" is not.
/// </summary>
public static class ProblemReportAnalyzer
{
    private static readonly WordList Negators = WordList.Of(
        "=nicht", "=nimmer", "=nie", "=kein", "=keine", "=keinen", "=keiner", "=keinem", "=ohne",
        "=not", "=no", "=never", "=without", "=none", "=nothing", "=doesnt", "=dont", "=wont", "=cant", "=cannot",
        "=isnt", "=arent", "=didnt", "=wasnt");

    // Verbs that describe a part doing its job; negated they report a fault.
    private static readonly WordList FunctionVerbs = WordList.Of(
        "=funktioniert", "=funktionieren", "=geht", "=gehen", "=startet", "=starten", "=springt", "=anspringen",
        "=läuft", "=laufen", "=reagiert", "=lädt", "=laden", "=schließt", "=schließen", "=öffnet", "=öffnen",
        "=kühlt", "=kühlen", "=heizt", "=heizen", "=zieht", "=bremst", "=schaltet", "=hält",
        "=work", "=works", "=working", "=start", "=starts", "=starting", "=cool", "=cooling", "=open", "=opens",
        "=opening", "=close", "=closes", "=closing", "=charge", "=charging", "=brake", "=braking", "=run", "=runs",
        "=running", "=respond", "=responding", "=turn", "=heat", "=heating", "=lock", "=locking");

    private static readonly WordList PhraseParticles = WordList.Of("=an", "=mehr", "=zu", "=auf", "=richtig", "=properly");

    private static readonly WordList ResolutionWords = WordList.Of(
        "=repariert", "=behoben", "=gelöst", "=erledigt", "=getauscht", "=ausgetauscht", "=gewechselt",
        "=fixed", "=repaired", "=resolved", "=solved", "=replaced");

    private static readonly WordList WorkingAgainVerbs = WordList.Of(
        "=funktioniert", "=geht", "=läuft", "=fährt", "=works", "=working", "=runs", "=running");

    private static readonly WordList AgainWords = WordList.Of("=wieder", "=again");

    public static ProblemReport Analyze(string text, IReadOnlyList<MessageToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var plates = PlateRecognizer.FindAll(text);
        var kinds = new ProblemWordKind[tokens.Count];
        var deniesProblem = false;
        MarkNegatedFunctionPhrases(tokens, kinds);

        for (var i = 0; i < tokens.Count; i++)
        {
            if (kinds[i] != ProblemWordKind.None || plates.Any(p => tokens[i].Overlaps(p.Start, p.End)))
            {
                continue;
            }

            var kind = ProblemVocabulary.Classify(tokens[i].Folded);
            var negated = i > 0 && Negators.Contains(tokens[i - 1].Folded);
            // "kein Licht" is still a fault, "kein Problem" / "nicht kaputt" is not.
            if (negated && (kind is ProblemWordKind.Incident or ProblemWordKind.Predicate))
            {
                deniesProblem = true;
                continue;
            }

            kinds[i] = kind;
        }

        var words = new List<ProblemWord>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (kinds[i] != ProblemWordKind.None)
            {
                words.Add(new ProblemWord(tokens[i], kinds[i]));
            }
        }

        return new ProblemReport(words, plates.Count > 0 ? plates[0] : null, IsResolved(tokens), deniesProblem);
    }

    private static void MarkNegatedFunctionPhrases(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        for (var n = 0; n < tokens.Count; n++)
        {
            if (!Negators.Contains(tokens[n].Folded))
            {
                continue;
            }

            int first;
            int last;
            if (n > 0 && FunctionVerbs.Contains(tokens[n - 1].Folded))
            {
                (first, last) = (n - 1, n);
            }
            else if (n + 1 < tokens.Count && FunctionVerbs.Contains(tokens[n + 1].Folded))
            {
                (first, last) = (n, n + 1);
            }
            else
            {
                continue;
            }

            if (last + 1 < tokens.Count && PhraseParticles.Contains(tokens[last + 1].Folded))
            {
                last++;
            }

            for (var i = first; i <= last; i++)
            {
                kinds[i] = ProblemWordKind.Predicate;
            }
        }
    }

    private static bool IsResolved(IReadOnlyList<MessageToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ResolutionWords.Contains(tokens[i].Folded))
            {
                return true;
            }

            if (i > 0 && AgainWords.Contains(tokens[i].Folded) && WorkingAgainVerbs.Contains(tokens[i - 1].Folded))
            {
                return true;
            }
        }

        return false;
    }
}
