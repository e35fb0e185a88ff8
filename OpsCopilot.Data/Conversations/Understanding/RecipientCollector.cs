using System.Buffers;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>One pass of <see cref="RecipientResolver"/> over a message; remembers which words are already used.</summary>
internal sealed class RecipientCollector
{
    private const int MaxNameWords = 4;
    private static readonly SearchValues<char> NameListEnders = SearchValues.Create(".:;!?()[]\"\n");
    private static readonly SearchValues<char> NameSeparators = SearchValues.Create(",&+/");

    private readonly IReadOnlyList<MessageToken> tokens;
    private readonly DriverDirectory directory;
    private readonly IReadOnlySet<int> templateWordIndexes;
    private readonly bool[] used;
    private readonly List<(int Position, DriverRef Driver)> found = [];
    private readonly List<(int Position, string Name)> unresolved = [];

    public RecipientCollector(IReadOnlyList<MessageToken> tokens, DriverDirectory directory, IReadOnlySet<int> templateWordIndexes)
    {
        this.tokens = tokens;
        this.directory = directory;
        this.templateWordIndexes = templateWordIndexes;
        used = new bool[tokens.Count];
    }

    public void ReadAddressedNames()
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var strong = RecipientWords.StrongOpeners.Contains(tokens[i].Folded);
            if (!strong && !RecipientWords.WeakOpeners.Contains(tokens[i].Folded))
            {
                continue;
            }

            foreach (var part in ReadNameList(i + 1))
            {
                ResolvePart(part, keepSingleUnmatchedWord: strong);
            }
        }
    }

    public void ReadWrittenFullNames()
    {
        foreach (var (driver, start, length) in directory.FindFullNames(tokens))
        {
            if (Enumerable.Range(start, length).Any(k => used[k]))
            {
                continue;
            }

            Use(start, length);
            found.Add((tokens[start].Start, driver));
        }
    }

    /// <summary>
    /// A first or last name only one driver has, written anywhere: capitalised, or in a message typed all in lower
    /// case ("erinnere den stefan an die schicht"), where capitals tell nothing.
    /// </summary>
    public void ReadLoneNames()
    {
        var lowerCaseMessage = tokens.All(t => !t.Text.Any(char.IsUpper));
        for (var k = 0; k < tokens.Count; k++)
        {
            if (used[k] || !(tokens[k].IsCapitalized || lowerCaseMessage) || IsNotName(k))
            {
                continue;
            }

            var lookup = directory.Lookup([tokens[k].Folded]);
            if (lookup.Outcome == NameLookupOutcome.Resolved)
            {
                Use(k, 1);
                found.Add((tokens[k].Start, lookup.Driver!));
            }
        }
    }

    public RecipientResolution ToResolution()
    {
        var drivers = found.OrderBy(f => f.Position).Select(f => f.Driver).DistinctBy(d => d.Id).ToList();
        var unresolvedNames = unresolved.OrderBy(u => u.Position).Select(u => u.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new RecipientResolution(AllDrivers: false, drivers, unresolvedNames);
    }

    private List<List<int>> ReadNameList(int start)
    {
        var parts = new List<List<int>>();
        var current = new List<int>();
        for (var k = start; k < tokens.Count; k++)
        {
            var token = tokens[k];
            var afterHonorific = k > start && RecipientWords.Honorifics.Contains(tokens[k - 1].Folded);
            if (k > start && token.GapBefore.AsSpan().IndexOfAny(NameListEnders) >= 0 && !afterHonorific)
            {
                break;
            }

            if (token.GapBefore.AsSpan().IndexOfAny(NameSeparators) >= 0 || RecipientWords.ListSeparators.Contains(token.Folded))
            {
                current = StartNewPart(parts, current);
                if (RecipientWords.ListSeparators.Contains(token.Folded))
                {
                    continue;
                }
            }

            if (directory.IsNameWord(token.Folded) && !templateWordIndexes.Contains(k))
            {
                current.Add(k);
            }
            else if (RecipientWords.Honorifics.Contains(token.Folded))
            {
                continue;
            }
            else if (!IsNotName(k) && token.IsCapitalized)
            {
                current.Add(k);
            }
            else
            {
                break;
            }
        }

        StartNewPart(parts, current);
        return parts;
    }

    private static List<int> StartNewPart(List<List<int>> parts, List<int> current)
    {
        if (current.Count == 0)
        {
            return current;
        }

        parts.Add(current);
        return [];
    }

    private void ResolvePart(List<int> part, bool keepSingleUnmatchedWord)
    {
        var pending = new List<int>();
        var index = 0;
        while (index < part.Count)
        {
            var length = LongestResolvedName(part, index, out var driver);
            if (driver is null)
            {
                pending.Add(part[index]);
                index++;
                continue;
            }

            FlushUnresolved(pending, keepSingleUnmatchedWord);
            found.Add((tokens[part[index]].Start, driver));
            index += length;
        }

        FlushUnresolved(pending, keepSingleUnmatchedWord);
        foreach (var k in part)
        {
            used[k] = true;
        }
    }

    private int LongestResolvedName(List<int> part, int index, out DriverRef? driver)
    {
        for (var length = Math.Min(MaxNameWords, part.Count - index); length >= 1; length--)
        {
            var words = part.GetRange(index, length).Select(k => tokens[k].Folded).ToList();
            var lookup = directory.Lookup(words);
            if (lookup.Outcome == NameLookupOutcome.Resolved)
            {
                driver = lookup.Driver;
                return length;
            }
        }

        driver = null;
        return 0;
    }

    private void FlushUnresolved(List<int> pending, bool keepSingleWord)
    {
        if (pending.Count > 0 && (keepSingleWord || pending.Count >= 2))
        {
            unresolved.Add((tokens[pending[0]].Start, string.Join(' ', pending.Select(k => tokens[k].Text))));
        }

        pending.Clear();
    }

    private bool IsNotName(int k) => templateWordIndexes.Contains(k) || RecipientWords.IsNotName(tokens[k]);

    private void Use(int start, int length)
    {
        for (var k = start; k < start + length; k++)
        {
            used[k] = true;
        }
    }
}
