namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Typo tolerance for keywords (docs/conversation.md): "Tiket" is "Ticket", "bestätgen" is "bestätigen", "übermorgn" is
/// "übermorgen". The number of edits allowed grows with the keyword's length, so short words (ja, nein, am, um) must be
/// exact and a four-letter word can never turn into another one. Edits are the optimal-string-alignment distance:
/// insert, delete, substitute, or swap two neighbours ("cancle").
/// </summary>
public static class TolerantMatch
{
    private const int ExactBelowLength = 5;
    private const int OneEditBelowLength = 9;

    /// <summary>Edits a word of this length may carry and still be the keyword: none up to 4 letters, 1 up to 8, 2 beyond.</summary>
    public static int AllowedEdits(int keywordLength) =>
        keywordLength < ExactBelowLength ? 0 : keywordLength < OneEditBelowLength ? 1 : 2;

    /// <summary>True when <paramref name="foldedWord"/> is <paramref name="foldedKeyword"/> up to the allowed typos.</summary>
    public static bool IsTypoOf(string foldedWord, string foldedKeyword, int? maxEdits = null)
    {
        ArgumentNullException.ThrowIfNull(foldedWord);
        ArgumentNullException.ThrowIfNull(foldedKeyword);
        var allowed = maxEdits ?? AllowedEdits(foldedKeyword.Length);
        if (Math.Abs(foldedWord.Length - foldedKeyword.Length) > allowed)
        {
            return false;
        }

        // A typo rarely hits the first letter; requiring it keeps "Tor"-like words apart from everything else.
        return foldedWord.Length > 0 && foldedKeyword.Length > 0 && foldedWord[0] == foldedKeyword[0]
            && Distance(foldedWord, foldedKeyword, allowed) <= allowed;
    }

    /// <summary>True when the word starts with the stem up to the allowed typos ("erinerung" starts with "erinner").</summary>
    public static bool HasTypoPrefix(string foldedWord, string foldedStem)
    {
        ArgumentNullException.ThrowIfNull(foldedWord);
        ArgumentNullException.ThrowIfNull(foldedStem);
        var allowed = AllowedEdits(foldedStem.Length);
        if (allowed == 0)
        {
            return foldedWord.StartsWith(foldedStem, StringComparison.Ordinal);
        }

        for (var length = foldedStem.Length - allowed; length <= foldedStem.Length + allowed; length++)
        {
            if (length > 0 && length <= foldedWord.Length && IsTypoOf(foldedWord[..length], foldedStem, allowed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Optimal string alignment distance, giving up (returning max + 1) once it exceeds <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > max)
            {
                return max + 1;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }
}
