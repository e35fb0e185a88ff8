using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Reads what a message says is wrong. A problem is a word of the vocabulary ("kaputt", "Unfall", "leaking") or a
/// phrase of the problem grammar, whatever the broken thing is called:
/// <list type="bullet">
/// <item>a function negated anywhere in its clause: "springt nicht an", "geht das Tor nimma zu", "lässt sich nicht
/// absenken", "können nicht abladen", "won't start", "sendet keine Position";</item>
/// <item>a function done badly or wrongly: "bremst schlecht", "wiegt falsch";</item>
/// <item>a verb with its particle: "hängt unten fest", "steckt fest", "fällt dauernd aus", "geht immer aus", "sackt ab";</item>
/// <item>too much or too little: "zu warm", "Temperatur zu hoch", "too warm";</item>
/// <item>a reading that is not what it should be: "minus 12 Grad statt minus 20", "6 bar statt 9", "plus 9 Grad,
/// sollte 4 haben", "8 degrees instead of 3";</item>
/// <item>Austrian "is hin" at the end of a clause.</item>
/// </list>
/// Negation still works both ways: "nicht kaputt" / "kein Problem" deny a problem.
/// </summary>
public static partial class ProblemReportAnalyzer
{
    private const int ClauseWindow = 5;

    private static readonly WordList Negators = WordList.Of(
        "=nicht", "=nimmer", "=nimma", "=ned", "=net", "=nit", "=nie", "=kein", "=keine", "=keinen", "=keiner",
        "=keinem", "=ohne", "=not", "=no", "=never", "=without", "=none", "=nothing", "=doesnt", "=dont", "=wont",
        "=cant", "=cannot", "=isnt", "=arent", "=didnt", "=wasnt", "=couldnt", "=aint");

    // Verbs that describe a part doing its job; negated they report a fault.
    private static readonly WordList FunctionVerbs = WordList.Of(
        "=funktioniert", "=funktionieren", "=funktionierte", "=funzt", "=geht", "=gehen", "=ging", "=startet",
        "=starten", "=springt", "=anspringen", "=läuft", "=laufen", "=reagiert", "=lädt", "=laden", "=schließt",
        "=schließen", "=öffnet", "=öffnen", "=kühlt", "=kühlen", "=heizt", "=heizen", "=zieht", "=bremst", "=bremsen",
        "=schaltet", "=schalten", "=hält", "=halten", "=sendet", "=senden", "=druckt", "=drucken", "=scannt", "=scannen",
        "=misst", "=messen", "=wiegt", "=wiegen", "=dreht", "=drehen", "=pumpt", "=hebt", "=heben", "=senkt", "=senken",
        "=abladen", "=entladen", "=aufladen", "=beladen", "=ausladen", "=einladen", "=kuppeln", "=ankuppeln",
        "=abkuppeln", "=tanken", "=absenken", "=versperren", "=zusperren", "=aufsperren", "=sperren", "=verriegeln",
        "=entriegeln", "=ausfahren", "=einfahren", "=anzeigen", "=zeigt", "=leuchtet", "=blinkt", "=fährt", "=fahren",
        "=hochfahren", "=runterfahren", "=rauf", "=zugehen", "=aufgehen", "=reinfahren", "=rausfahren", "=tut",
        "=work", "=works", "=working", "=worked", "=start", "=starts", "=starting", "=cool", "=cooling", "=open",
        "=opens", "=opening", "=close", "=closes", "=closing", "=charge", "=charging", "=brake", "=braking", "=run",
        "=runs", "=running", "=respond", "=responding", "=turn", "=heat", "=heating", "=lock", "=locking", "=unload",
        "=load", "=lift", "=print", "=printing", "=scan", "=scanning", "=send", "=sending", "=show", "=showing",
        "=go", "=move", "=moving", "=drive", "=driving", "=lower", "=raise");

    // Negated, "fahren" is about a vehicle only when one is named: "Max kann morgen nicht fahren" is no fault.
    private static readonly WordList VehicleOnlyFunctions = WordList.Of("=fährt", "=fahren", "=drive", "=driving");

    private static readonly WordList PhraseParticles = WordList.Of(
        "=an", "=mehr", "=zu", "=auf", "=richtig", "=properly", "=rauf", "=runter", "=hoch", "=ab", "=aus", "=ein",
        "=anymore", "=up", "=down");

    // "lässt sich nicht schließen": whatever the verb, it cannot be done.
    private static readonly WordList CannotBeDoneOpeners = WordList.Of("=lässt", "=lasst", "=liess", "=ließ");

    // A verb and its particle anywhere in one clause: "hängt unten fest", "fällt dauernd aus", "sackt hinten ab".
    private static readonly (WordList Verbs, WordList Particles)[] ParticlePhrases =
    [
        (WordList.Of("^häng", "=hängt", "=steckt", "=stecken", "=sitzt", "=klemmt", "=bleibt", "=hing", "=steckte"),
            WordList.Of("=fest", "=runter", "=herunter", "=raus", "=heraus", "=schief", "=durch", "=hängen", "=stecken", "=stehen")),
        (WordList.Of("=fällt", "=fallen", "=fiel", "=geht", "=ging", "=gehen", "=stirbt", "=säuft"), WordList.Of("=aus", "=ab")),
        (WordList.Of("=startet", "=bootet", "=restarts", "=reboots"), WordList.Of("=neu", "=again", "=itself")),
        (WordList.Of("=sackt", "=sacken", "=sinkt", "=bricht", "=reißt", "=springt", "=fliegt", "=löst"),
            WordList.Of("=ab", "=durch", "=raus", "=heraus", "=weg")),
        (WordList.Of("=stuck", "=jammed", "=broke", "=breaks", "=fell", "=falls", "=keeps", "=cuts", "=dies", "=died", "=shuts", "=conks"),
            WordList.Of("=down", "=off", "=out", "=dying", "=stalling", "=failing")),
    ];

    private static readonly WordList TooWords = WordList.Of("=zu", "=too", "=viel", "=way", "=überhaupt");
    private static readonly WordList OutOfRangeAdjectives = WordList.Of(
        "=warm", "=heiß", "=heiss", "=kalt", "=hoch", "=niedrig", "=tief", "=wenig", "=schwach", "=laut", "=locker",
        "=voll", "=leer", "=hot", "=cold", "=warm", "=high", "=low", "=loud", "=weak", "=loose", "=empty", "=full", "=warmer");

    private static readonly WordList BadlyWords = WordList.Of(
        "=schlecht", "=kaum", "=schwer", "=falsch", "=komisch", "=badly", "=poorly", "=wrong", "=weird", "=strange");

    // Things that happen "von selbst": "senkt sich von selbst", "geht von allein auf", "opens by itself".
    private static readonly (string First, string Second)[] ByItself =
        [("von", "selbst"), ("von", "allein"), ("von", "alleine"), ("by", "itself"), ("on", "its")];

    private static readonly WordList TemperatureWords = WordList.Of("^temperatur", "=temp", "=grad", "=temperature", "=degrees");
    private static readonly WordList RisingWords = WordList.Of(
        "=steigt", "=gestiegen", "=klettert", "=rising", "=rises", "=climbing", "=risen", "=fällt", "=sinkt");

    // A state that says all is well: "Reifen beim L-7733 sind neu", "Bremse passt".
    private static readonly WordList FineWords = WordList.Of(
        "=neu", "=neue", "=neuen", "=new", "=ok", "=okay", "=passt", "=gut", "=fine", "=good", "=einwandfrei",
        "=ordnung", "=fertig", "=done", "=frisch");

    private static readonly WordList Copulas = WordList.Of("=ist", "=is", "=isch", "=sind", "=san", "=war", "=waren");
    private static readonly WordList BrokenAtClauseEnd = WordList.Of("=hin", "=hinüber");

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
        var onPlate = tokens.Select(t => plates.Any(p => t.Overlaps(p.Start, p.End))).ToArray();
        var deniesProblem = false;
        var readings = OutOfRangeReadings(text, tokens, kinds);
        var namesVehicle = plates.Count > 0 || tokens.Any(t => ProblemVocabulary.IsVehicleWord(t.Folded));
        MarkNegatedFunctions(tokens, kinds, namesVehicle);
        MarkCannotBeDone(tokens, kinds);
        MarkParticlePhrases(tokens, kinds);
        MarkOutOfRangeAndBadly(tokens, kinds);
        MarkBrokenAtClauseEnd(tokens, kinds);
        MarkByItselfAndRisingTemperature(tokens, kinds);

        for (var i = 0; i < tokens.Count; i++)
        {
            if (kinds[i] != ProblemWordKind.None || onPlate[i])
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
            if (kinds[i] != ProblemWordKind.None && !onPlate[i])
            {
                words.Add(new ProblemWord(tokens[i], kinds[i]));
            }
        }

        return new ProblemReport(words, plates.Count > 0 ? plates[0] : null, IsResolved(tokens), deniesProblem)
        {
            Readings = readings,
            SaysAllIsWell = tokens.Any(t => FineWords.Contains(t.Folded)),
        };
    }

    /// <summary>Indexes of the words in the same clause as <paramref name="index"/>, at most <paramref name="window"/> away.</summary>
    private static IEnumerable<int> SameClause(IReadOnlyList<MessageToken> tokens, int index, int window, bool forward)
    {
        var step = forward ? 1 : -1;
        for (int k = index + step, distance = 1; k >= 0 && k < tokens.Count && distance <= window; k += step, distance++)
        {
            var boundary = forward ? tokens[k].GapBefore : tokens[k + 1].GapBefore;
            if (EndsClause(boundary))
            {
                yield break;
            }

            yield return k;
        }
    }

    private static bool EndsClause(string gap) => gap.Any(c => c is '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '(' or ')');

    private static void MarkNegatedFunctions(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds, bool namesVehicle)
    {
        for (var n = 0; n < tokens.Count; n++)
        {
            if (!Negators.Contains(tokens[n].Folded))
            {
                continue;
            }

            // German puts the verb second and the negation late ("geht das Tor nicht zu"), English the other way round.
            var verb = SameClause(tokens, n, ClauseWindow, forward: false).Concat(SameClause(tokens, n, 2, forward: true))
                .Where(k => FunctionVerbs.Contains(tokens[k].Folded))
                .Where(k => namesVehicle || !VehicleOnlyFunctions.Contains(tokens[k].Folded))
                .Select(k => (int?)k).FirstOrDefault();
            if (verb is not { } v)
            {
                continue;
            }

            var first = Math.Min(v, n);
            var last = Math.Max(v, n);
            if (last + 1 < tokens.Count && !EndsClause(tokens[last + 1].GapBefore) && PhraseParticles.Contains(tokens[last + 1].Folded))
            {
                last++;
            }

            Mark(kinds, ProblemWordKind.Predicate, v, n, last);
        }
    }

    private static void MarkCannotBeDone(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!CannotBeDoneOpeners.Contains(tokens[i].Folded) || tokens[i + 1].Folded != "sich")
            {
                continue;
            }

            var negation = SameClause(tokens, i + 1, 3, forward: true).FirstOrDefault(k => Negators.Contains(tokens[k].Folded), -1);
            if (negation < 0)
            {
                continue;
            }

            var verb = SameClause(tokens, negation, 2, forward: true).LastOrDefault(k => !FunctionWords.Contains(tokens[k].Folded), negation);
            Mark(kinds, ProblemWordKind.Predicate, [.. Enumerable.Range(i, verb - i + 1)]);
        }
    }

    private static void MarkParticlePhrases(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var (verbs, particles) in ParticlePhrases)
            {
                if (!verbs.Contains(tokens[i].Folded))
                {
                    continue;
                }

                var particle = SameClause(tokens, i, ClauseWindow, forward: true)
                    .FirstOrDefault(k => particles.Contains(tokens[k].Folded), -1);
                if (particle >= 0)
                {
                    Mark(kinds, ProblemWordKind.Predicate, i, particle);
                    break;
                }
            }
        }
    }

    private static void MarkOutOfRangeAndBadly(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var gapIsSpace = !EndsClause(tokens[i + 1].GapBefore);
            if (gapIsSpace && TooWords.Contains(tokens[i].Folded) && OutOfRangeAdjectives.Contains(tokens[i + 1].Folded))
            {
                Mark(kinds, ProblemWordKind.Predicate, i, i + 1);
            }

            // "bremst schlecht", "wiegt falsch", "kühlt kaum noch"
            if (gapIsSpace && FunctionVerbs.Contains(tokens[i].Folded))
            {
                var badly = SameClause(tokens, i, ClauseWindow, forward: true).FirstOrDefault(k => BadlyWords.Contains(tokens[k].Folded), -1);
                if (badly >= 0)
                {
                    Mark(kinds, ProblemWordKind.Predicate, i, badly);
                }
            }
        }
    }

    private static void MarkBrokenAtClauseEnd(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            var endsClause = i + 1 == tokens.Count || EndsClause(tokens[i + 1].GapBefore);
            if (endsClause && BrokenAtClauseEnd.Contains(tokens[i].Folded)
                && SameClause(tokens, i, 8, forward: false).Any(k => Copulas.Contains(tokens[k].Folded)))
            {
                Mark(kinds, ProblemWordKind.Predicate, i);
            }
        }
    }

    private static void MarkByItselfAndRisingTemperature(IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (ByItself.Any(p => p.First == tokens[i].Folded && p.Second == tokens[i + 1].Folded) && !EndsClause(tokens[i + 1].GapBefore))
            {
                Mark(kinds, ProblemWordKind.Predicate, i, i + 1);
            }

            if (TemperatureWords.Contains(tokens[i].Folded))
            {
                var rising = SameClause(tokens, i, 3, forward: true).Concat(SameClause(tokens, i, 3, forward: false))
                    .FirstOrDefault(k => RisingWords.Contains(tokens[k].Folded), -1);
                if (rising >= 0)
                {
                    Mark(kinds, ProblemWordKind.Predicate, i, rising);
                }
            }
        }
    }

    /// <summary>Spans like "minus 12 Grad statt minus 20": a reading that is not what it should be.</summary>
    private static IReadOnlyList<(int Start, int End)> OutOfRangeReadings(string text, IReadOnlyList<MessageToken> tokens, ProblemWordKind[] kinds)
    {
        var spans = new List<(int Start, int End)>();
        foreach (Match match in OutOfRangeReading().Matches(text).Concat(OnlyThisMuchLeft().Matches(text)))
        {
            var start = match.Index;
            var end = match.Index + match.Length;
            spans.Add((start, end));
            for (var k = 0; k < tokens.Count; k++)
            {
                if (tokens[k].Overlaps(start, end))
                {
                    kinds[k] = ProblemWordKind.Predicate;
                }
            }
        }

        return spans;
    }

    private static void Mark(ProblemWordKind[] kinds, ProblemWordKind kind, params int[] indexes)
    {
        // Only the phrase's own words: "springt in der Früh nicht an" keeps "in der Früh" out of the problem.
        foreach (var k in indexes)
        {
            kinds[k] = kind;
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

    // "nur mehr minus 5 Grad", "nur noch 4 bar", "only 3 degrees": a measured value that is down to something.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:nur|only|bloß|grad)\s+(?:mehr|noch|no|mehr\s+als)?\s*(?:(?:minus|plus|[-+−])\s*)?\d+(?:[.,]\d+)?\s*(?:°\s*c?|grad|degrees?|bar|psi|volt)(?![\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnlyThisMuchLeft();

    // A number (signed, or with "minus"/"plus"), an optional unit, then what it should be: "statt", "anstatt",
    // "instead of", "rather than", "sollte (… haben|sein)", "should be", and a second number.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:(?:minus|plus|[-+−])\s*)?\d+(?:[.,]\d+)?\s*(?:°\s*c?|grad|degrees?|bar|%|prozent|percent|volt|v|psi)?\s*,?\s*(?:statt|anstatt|anstelle\s+von|instead\s+of|rather\s+than|(?:sollte|sollten|soll|should)(?:\s+(?:aber|eigentlich|be|sein|haben|have))?)\s*(?:(?:minus|plus|[-+−])\s*)?\d+(?:[.,]\d+)?(?:\s*(?:°\s*c?|grad|degrees?|bar|%|prozent|percent|volt|v|psi)(?![\p{L}]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfRangeReading();
}
