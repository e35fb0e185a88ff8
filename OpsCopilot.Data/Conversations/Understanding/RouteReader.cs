namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The new route a route-change message states: the words after "Route"/"Tour"/"Strecke"
/// ("neue Route: Wien - Linz", "Route ist jetzt B7 über Graz", "new route A12"), else the words after "ist jetzt" /
/// "is now" ("Route für Max ist jetzt A12"), or failing that the words after the last colon ("Routenänderung für morgen: Linz-Wels"). Reading stops at dates, times and recipient words.
/// </summary>
public static class RouteReader
{
    private static readonly WordList RouteWords = WordList.Of("=route", "=tour", "=strecke", "=routing");
    private static readonly WordList Connectors = WordList.Of(
        "=ist", "=is", "=jetzt", "=now", "=lautet", "=wird", "=becomes", "=neu", "=neue", "=new", "=sofort");
    private static readonly WordList NewValueMarkers = WordList.Of("=jetzt", "=now", "=lautet");
    private static readonly WordList StopWords = WordList.Of(
        "=für", "=for", "=an", "=to", "=am", "=um", "=at", "=on", "=ab", "=morgen", "=heute", "=übermorgen",
        "=tomorrow", "=today", "=bitte", "=please", "=danke", "=thanks", "=change", "=changed", "=changes",
        "^geändert", "$änderung", "=ändern", "=update", "=updated", "=uhr", "=alle", "=all");

    public static string? Read(string text, IReadOnlyList<MessageToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (RouteWords.Contains(tokens[i].Folded))
            {
                var value = ReadValue(text, tokens, i + 1);
                if (value is not null)
                {
                    // "Tour 12" is the route's name; "12" alone would read oddly in "deine Route ist jetzt 12".
                    return char.IsDigit(value[0]) && tokens[i + 1].GapBefore.Trim().Length == 0
                        ? $"{tokens[i].Text} {value}"
                        : value;
                }
            }
        }

        // "Route für Max ist jetzt A12": the value follows the verb once the route word was taken by recipients.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (NewValueMarkers.Contains(tokens[i].Folded))
            {
                var value = ReadValue(text, tokens, i + 1);
                if (value is not null)
                {
                    return value;
                }
            }
        }

        var lastColon = LastLabelColon(text);
        return lastColon < 0 ? null : ReadValue(text, tokens, tokens.Count(t => t.Start < lastColon));
    }

    private static string? ReadValue(string text, IReadOnlyList<MessageToken> tokens, int start)
    {
        var first = start;
        while (first < tokens.Count && IsConnector(tokens, first))
        {
            first++;
        }

        var last = first - 1;
        for (var k = first; k < tokens.Count; k++)
        {
            var gap = tokens[k].GapBefore;
            if (k > first && (gap.Contains('\n', StringComparison.Ordinal) || (EndsSentence(gap) && !IsAbbreviationDot(tokens[k - 1], gap))))
            {
                break;
            }

            if (StopWords.Contains(tokens[k].Folded) || CalendarWords.IsWeekday(tokens[k].Folded) || IsDateOrTime(tokens, k))
            {
                break;
            }

            last = k;
        }

        return last < first ? null : text[tokens[first].Start..tokens[last].End];
    }

    private static bool IsConnector(IReadOnlyList<MessageToken> tokens, int k) =>
        Connectors.Contains(tokens[k].Folded)
        || (tokens[k].Folded == "ab" && k + 1 < tokens.Count && tokens[k + 1].Folded == "sofort");

    // "24.12.", "06:00", "6 Uhr" end the route; "Route 7" or "B7" do not.
    private static bool IsDateOrTime(IReadOnlyList<MessageToken> tokens, int k)
    {
        if (!tokens[k].IsNumber || k + 1 >= tokens.Count)
        {
            return false;
        }

        var next = tokens[k + 1];
        var gap = next.GapBefore.Trim();
        return (next.IsNumber && gap is "." or ":") || next.Folded is "uhr" or "h";
    }

    /// <summary>
    /// "St. Pölten", "Wr. Neustadt", "Bad Vöslau Str. 3": a dot right after a short word of letters abbreviates it
    /// and the name goes on; after a longer word ("Linz. Danke") or a number it ends the sentence.
    /// </summary>
    private static bool IsAbbreviationDot(MessageToken before, string gap) =>
        gap.TrimEnd() == "." && before.Text.Length <= MaxAbbreviationLength && before.Text.All(char.IsLetter);

    private const int MaxAbbreviationLength = 3;

    private static bool EndsSentence(string gap)
    {
        var trimmed = gap.Trim();
        return trimmed.Length > 0 && trimmed.Any(c => c is '.' or '!' or '?' or ';');
    }

    // A colon followed by a space is a label ("Route: ..."), unlike the one inside "06:00".
    private static int LastLabelColon(string text)
    {
        for (var i = text.Length - 2; i >= 0; i--)
        {
            if (text[i] == ':' && char.IsWhiteSpace(text[i + 1]))
            {
                return i;
            }
        }

        return -1;
    }
}
