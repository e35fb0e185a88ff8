namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// How well a word fits a vocabulary stem. German compounds put the head last ("Reifenpanne" is a Panne),
/// so a suffix hit outranks a prefix hit, and an exact word outranks both.
/// </summary>
public readonly record struct StemMatch(int Level, int StemLength) : IComparable<StemMatch>
{
    public static StemMatch None => default;

    public bool IsMatch => Level > 0 || StemLength > 0;

    public int CompareTo(StemMatch other) =>
        Level != other.Level ? Level.CompareTo(other.Level) : StemLength.CompareTo(other.StemLength);

    public static bool operator <(StemMatch left, StemMatch right) => left.CompareTo(right) < 0;

    public static bool operator >(StemMatch left, StemMatch right) => left.CompareTo(right) > 0;

    public static bool operator <=(StemMatch left, StemMatch right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StemMatch left, StemMatch right) => left.CompareTo(right) >= 0;
}
