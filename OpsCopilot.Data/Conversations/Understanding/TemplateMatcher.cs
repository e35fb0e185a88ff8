using System.Runtime.CompilerServices;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Picks the broadcast template a message asks for, among the tenant's templates only. A template is selected by
/// its key written as words ("shift reminder" for shift_reminder), its tenant synonyms, or the built-in
/// vocabulary of <see cref="TemplateVocabulary"/>.
/// </summary>
public static class TemplateMatcher
{
    private const int PhraseBaseScore = 1000;
    private const int ConceptBaseScore = 500;
    private const int MaxPhraseWords = 6;
    private const int MinKeyWordLength = 3;
    private const int MinTypoTolerantPhraseLength = 8;
    private const int TypoPenalty = 1;
    private const int MinTypoTolerantConceptLength = 7;

    // Plural and case endings a phrase may carry ("Schichterinnerungen", "shift reminders").
    private static readonly string[] InflectionEndings = ["", "s", "e", "n", "en", "es", "er"];

    // A template's phrases tokenised once per template object, not once per message: the tenant's interpretation
    // snapshot keeps its TemplateRefs, and an entry goes with the snapshot (keyed by identity, held weakly).
    private static readonly ConditionalWeakTable<TemplateRef, PreparedTemplate> Prepared = new();

    /// <param name="GluedPhrases">The key, its words, the synonyms and the vocabulary's phrases, each folded and glued, in that order.</param>
    private sealed record PreparedTemplate(IReadOnlyList<string> GluedPhrases, IReadOnlyList<WordList> KeyWordGroups);

    public static TemplateMatch? FindBest(IReadOnlyList<MessageToken> tokens, IReadOnlyList<TemplateRef> templates)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(templates);
        TemplateMatch? best = null;
        foreach (var template in templates)
        {
            var match = Match(tokens, template);
            if (match is not null && (best is null || match.Score > best.Score))
            {
                best = match;
            }
        }

        return best;
    }

    private static TemplateMatch? Match(IReadOnlyList<MessageToken> tokens, TemplateRef template)
    {
        var prepared = Prepared.GetValue(template, Prepare);
        var phraseMatch = BestPhraseMatch(tokens, template, prepared.GluedPhrases);
        if (phraseMatch is not null)
        {
            return phraseMatch;
        }

        var groups = TemplateVocabulary.ConceptGroupsFor(template.TemplateKey);
        return ConceptMatch(tokens, template, groups) ?? ConceptMatch(tokens, template, prepared.KeyWordGroups);
    }

    private static PreparedTemplate Prepare(TemplateRef template) => new(
        KeyPhrases(template.TemplateKey)
            .Concat(template.Synonyms)
            .Concat(TemplateVocabulary.PhrasesFor(template.TemplateKey))
            // Compare words glued together so "Schicht-Erinnerung", "Schicht Erinnerung" and "Schichterinnerung" agree.
            .Select(phrase => string.Concat(MessageTokenizer.Tokenize(phrase).Select(t => t.Folded)))
            .Where(glued => glued.Length > 0)
            .ToList(),
        KeyWordGroups(template.TemplateKey));

    private static IEnumerable<string> KeyPhrases(string templateKey) => [templateKey, templateKey.Replace('_', ' ')];

    private static WordList[] KeyWordGroups(string templateKey) =>
        MessageTokenizer.Tokenize(templateKey)
            .Where(t => t.Folded.Length >= MinKeyWordLength)
            .Select(t => WordList.Of(t.Folded))
            .ToArray();

    private static TemplateMatch? BestPhraseMatch(IReadOnlyList<MessageToken> tokens, TemplateRef template, IReadOnlyList<string> gluedPhrases)
    {
        TemplateMatch? best = null;
        foreach (var glued in gluedPhrases)
        {
            var window = FindWindow(tokens, glued, tolerateTypos: false);
            var score = PhraseBaseScore + glued.Length;
            if (window is null && glued.Length >= MinTypoTolerantPhraseLength)
            {
                // "Schichterinerung", "schichtermnerung": a slip in a long phrase still names it, ranked below exact ones.
                window = FindWindow(tokens, glued, tolerateTypos: true);
                score -= TypoPenalty;
            }

            if (window is null)
            {
                continue;
            }

            if (best is null || score > best.Score)
            {
                var (start, length) = window.Value;
                best = new TemplateMatch(template, score, Enumerable.Range(start, length).ToHashSet());
            }
        }

        return best;
    }

    private static (int Start, int Length)? FindWindow(IReadOnlyList<MessageToken> tokens, string glued, bool tolerateTypos)
    {
        var allowed = tolerateTypos ? TolerantMatch.AllowedEdits(glued.Length) : 0;
        for (var start = 0; start < tokens.Count; start++)
        {
            var joined = string.Empty;
            for (var length = 1; length <= MaxPhraseWords && start + length <= tokens.Count; length++)
            {
                var next = tokens[start + length - 1];
                if (length > 1 && BreaksPhrase(next.GapBefore))
                {
                    break;
                }

                joined += next.Folded;
                if (joined.Length > glued.Length + 2 + allowed)
                {
                    break;
                }

                if (joined.StartsWith(glued, StringComparison.Ordinal) && InflectionEndings.Contains(joined[glued.Length..]))
                {
                    return (start, length);
                }

                if (allowed > 0 && EndsLikeTypoOf(joined, glued, allowed))
                {
                    return (start, length);
                }
            }
        }

        return null;
    }

    private static bool EndsLikeTypoOf(string joined, string glued, int allowed)
    {
        foreach (var ending in InflectionEndings)
        {
            var stemLength = joined.Length - ending.Length;
            if (stemLength > 0 && joined.EndsWith(ending, StringComparison.Ordinal)
                && TolerantMatch.IsTypoOf(joined[..stemLength], glued, allowed))
            {
                return true;
            }
        }

        return false;
    }

    // "Schicht-Erinnerung" is one phrase, "Schicht, Erinnerung folgt" is not.
    private static bool BreaksPhrase(string gap) => gap.Any(c => !char.IsWhiteSpace(c) && c is not '-' and not '/');

    private static TemplateMatch? ConceptMatch(IReadOnlyList<MessageToken> tokens, TemplateRef template, IReadOnlyList<WordList> groups)
    {
        if (groups.Count == 0)
        {
            return null;
        }

        var indexes = new HashSet<int>();
        foreach (var group in groups)
        {
            var hits = Enumerable.Range(0, tokens.Count)
                .Where(i => group.ContainsTolerant(tokens[i].Folded, MinTypoTolerantConceptLength)).ToList();
            if (hits.Count == 0)
            {
                return null;
            }

            indexes.UnionWith(hits);
        }

        return new TemplateMatch(template, ConceptBaseScore + groups.Count, indexes);
    }
}
