namespace OpsCopilot.Smoke;

/// <summary>A step's check did not hold: what the runbook expects and what the instance answered.</summary>
public sealed class SmokeFailure(string expected, string got) : Exception($"expected {expected}, got {got}")
{
    public string Expected { get; } = expected;
    public string Got { get; } = got;

    public static void Unless(bool condition, string expected, string got)
    {
        if (!condition) throw new SmokeFailure(expected, got);
    }
}
