namespace OpsCopilot.Bench;

/// <summary>Latency percentiles in milliseconds (nearest-rank), from every operation of a phase.</summary>
public sealed record LatencyStats(double P50, double P95, double P99, double Max)
{
    public static LatencyStats From(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return new(double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = milliseconds.Order().ToArray();
        return new(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
