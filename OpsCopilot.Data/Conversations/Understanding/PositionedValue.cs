namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>A value read from the message with the span it came from, so the earliest mention can win.</summary>
public readonly record struct PositionedValue<T>(int Start, int End, T Value, int Priority = 0)
{
    public bool Overlaps(PositionedValue<T> other) => Start < other.End && other.Start < End;
}
