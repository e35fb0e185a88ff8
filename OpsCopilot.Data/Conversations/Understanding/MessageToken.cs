namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>A word or number of the message with its position, so readers can map matches back to the original.</summary>
/// <param name="Text">The word as written.</param>
/// <param name="Folded">The comparison key from <see cref="TextFolding.Fold"/>.</param>
/// <param name="Start">Index of the first character in the message.</param>
/// <param name="GapBefore">Raw characters between the previous word and this one (punctuation, spaces).</param>
public sealed record MessageToken(string Text, string Folded, int Start, string GapBefore)
{
    public int End => Start + Text.Length;

    public bool IsCapitalized => char.IsUpper(Text[0]);

    public bool IsNumber => char.IsDigit(Text[0]);

    public bool Overlaps(int start, int end) => Start < end && start < End;
}
