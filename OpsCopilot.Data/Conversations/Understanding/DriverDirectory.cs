using System.Runtime.CompilerServices;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The tenant's drivers by folded name words, so "Müller", "Mueller" and "muller" find the same person.
/// A name resolves by full name (also "Surname Firstname"), by first and last name with middle names left out,
/// or by a lone first or last name when exactly one driver carries it.
/// </summary>
public sealed class DriverDirectory
{
    // Read-only once built: one per driver list object. The tenant's interpretation snapshot keeps its list, so the
    // names are tokenised when the snapshot is loaded, not for every message (held weakly, gone with the snapshot).
    private static readonly ConditionalWeakTable<IReadOnlyList<DriverRef>, DriverDirectory> Built = new();

    private readonly List<(DriverRef Driver, string[] Names)> entries;
    private readonly HashSet<string> nameWords;

    /// <summary>The directory of this list of drivers, built once per list.</summary>
    public static DriverDirectory Of(IReadOnlyList<DriverRef> drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        return Built.GetValue(drivers, static list => new DriverDirectory(list));
    }

    public DriverDirectory(IReadOnlyList<DriverRef> drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        entries = drivers
            .Select(d => (d, MessageTokenizer.Tokenize(d.FullName).Select(t => t.Folded).ToArray()))
            .Where(e => e.Item2.Length > 0)
            .ToList();
        nameWords = entries.SelectMany(e => e.Names).ToHashSet(StringComparer.Ordinal);
    }

    public bool IsNameWord(string foldedWord) => nameWords.Contains(foldedWord);

    public NameLookup Lookup(IReadOnlyList<string> foldedWords)
    {
        ArgumentNullException.ThrowIfNull(foldedWords);
        if (foldedWords.Count == 0)
        {
            return NameLookup.NotFound;
        }

        var byFullName = Matching(names => names.SequenceEqual(foldedWords) || Enumerable.Reverse(names).SequenceEqual(foldedWords));
        if (byFullName.Count > 0)
        {
            return NameLookup.From(byFullName);
        }

        if (foldedWords.Count >= 2)
        {
            return NameLookup.From(Matching(names =>
                names.Length >= 2 && names[0] == foldedWords[0] && names[^1] == foldedWords[^1]));
        }

        var word = foldedWords[0];
        var byFirstName = Matching(names => names[0] == word);
        return byFirstName.Count > 0
            ? NameLookup.From(byFirstName)
            : NameLookup.From(Matching(names => names.Length >= 2 && names[^1] == word));
    }

    /// <summary>Where a driver's full name is written out in the message, as (driver, first token, token count).</summary>
    public IEnumerable<(DriverRef Driver, int Start, int Length)> FindFullNames(IReadOnlyList<MessageToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var (driver, names) in entries.Where(e => e.Names.Length >= 2))
        {
            for (var start = 0; start + names.Length <= tokens.Count; start++)
            {
                if (IsWrittenAt(tokens, start, names, reversed: false) || IsWrittenAt(tokens, start, names, reversed: true))
                {
                    yield return (driver, start, names.Length);
                }
            }
        }
    }

    private static bool IsWrittenAt(IReadOnlyList<MessageToken> tokens, int start, string[] names, bool reversed)
    {
        for (var k = 0; k < names.Length; k++)
        {
            var expected = reversed ? names[names.Length - 1 - k] : names[k];
            if (!string.Equals(tokens[start + k].Folded, expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private List<DriverRef> Matching(Func<string[], bool> predicate) =>
        entries.Where(e => predicate(e.Names)).Select(e => e.Driver).ToList();
}
