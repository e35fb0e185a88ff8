using System.Buffers;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>One pass of <see cref="RecipientResolver"/> over a message; remembers which words are already used.</summary>
internal sealed class RecipientCollector
{
    private const int MaxNameWords = 4;
    private static readonly SearchValues<char> NameListEnders = SearchValues.Create(".:;!?()[]\"\n");
    private static readonly SearchValues<char> NameSeparators = SearchValues.Create(",&+/");

    private readonly IReadOnlyList<MessageToken> _tokens;
    private readonly DriverDirectory _directory;
    private readonly IReadOnlySet<int> _templateWordIndexes;
    private readonly bool[] _used;
    private readonly List<(int Position, DriverRef Driver)> _found = [];
    private readonly List<(int Position, string Name)> _unresolved = [];

    public RecipientCollector(IReadOnlyList<MessageToken> tokens, DriverDirectory directory, IReadOnlySet<int> templateWordIndexes)
    {
        _tokens = tokens;
        _directory = directory;
        _templateWordIndexes = templateWordIndexes;
        _used = new bool[tokens.Count];
    }

    public void ReadAddressedNames()
    {
        for (var i = 0; i < _tokens.Count; i++)
        {
            var strong = RecipientWords.StrongOpeners.Contains(_tokens[i].Folded);
            if (!strong && !RecipientWords.WeakOpeners.Contains(_tokens[i].Folded))
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
        foreach (var (driver, start, length) in _directory.FindFullNames(_tokens))
        {
            if (Enumerable.Range(start, length).Any(k => _used[k]))
            {
                continue;
            }

            Use(start, length);
            _found.Add((_tokens[start].Start, driver));
        }
    }

    /// <summary>
    /// A first or last name only one driver has, written anywhere: capitalised, or in a message typed all in lower
    /// case ("erinnere den stefan an die schicht"), where capitals tell nothing.
    /// </summary>
    public void ReadLoneNames()
    {
        var lowerCaseMessage = _tokens.All(t => !t.Text.Any(char.IsUpper));
        for (var k = 0; k < _tokens.Count; k++)
        {
            if (_used[k] || !(_tokens[k].IsCapitalized || lowerCaseMessage) || IsNotName(k))
            {
                continue;
            }

            var lookup = _directory.Lookup([_tokens[k].Folded]);
            if (lookup.Outcome == NameLookupOutcome.Resolved)
            {
                Use(k, 1);
                _found.Add((_tokens[k].Start, lookup.Driver!));
            }
        }
    }

    public RecipientResolution ToResolution()
    {
        var drivers = _found.OrderBy(f => f.Position).Select(f => f.Driver).DistinctBy(d => d.Id).ToList();
        var unresolved = _unresolved.OrderBy(u => u.Position).Select(u => u.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new RecipientResolution(AllDrivers: false, drivers, unresolved);
    }

    private List<List<int>> ReadNameList(int start)
    {
        var parts = new List<List<int>>();
        var current = new List<int>();
        for (var k = start; k < _tokens.Count; k++)
        {
            var token = _tokens[k];
            var afterHonorific = k > start && RecipientWords.Honorifics.Contains(_tokens[k - 1].Folded);
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

            if (_directory.IsNameWord(token.Folded) && !_templateWordIndexes.Contains(k))
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
            _found.Add((_tokens[part[index]].Start, driver));
            index += length;
        }

        FlushUnresolved(pending, keepSingleUnmatchedWord);
        foreach (var k in part)
        {
            _used[k] = true;
        }
    }

    private int LongestResolvedName(List<int> part, int index, out DriverRef? driver)
    {
        for (var length = Math.Min(MaxNameWords, part.Count - index); length >= 1; length--)
        {
            var words = part.GetRange(index, length).Select(k => _tokens[k].Folded).ToList();
            var lookup = _directory.Lookup(words);
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
            _unresolved.Add((_tokens[pending[0]].Start, string.Join(' ', pending.Select(k => _tokens[k].Text))));
        }

        pending.Clear();
    }

    private bool IsNotName(int k) => _templateWordIndexes.Contains(k) || RecipientWords.IsNotName(_tokens[k]);

    private void Use(int start, int length)
    {
        for (var k = start; k < start + length; k++)
        {
            _used[k] = true;
        }
    }
}
