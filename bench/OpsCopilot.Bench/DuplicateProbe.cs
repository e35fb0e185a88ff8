using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Bench;

/// <summary>One round's probe: the same messages first delivered, then redelivered, each phase measured from outside.</summary>
public sealed record DuplicateProbeResult(int Round, int Messages, PhaseCpu FirstCpu, PhaseCpu DuplicateCpu,
    LatencyStats FirstLatency, LatencyStats DuplicateLatency)
{
    public double FirstCpuMs => (FirstCpu.Host + FirstCpu.Database) * 1000 / Messages;
    public double DuplicateCpuMs => (DuplicateCpu.Host + DuplicateCpu.Database) * 1000 / Messages;

    /// <summary>What a redelivery costs (host + PostgreSQL CPU) for every unit a first delivery costs.</summary>
    public double CostRatio => DuplicateCpuMs / FirstCpuMs;
}

/// <summary>
/// What a gateway's retry costs the product: N fresh unknown-text messages (processed, help reply), then the same N
/// bytes again (answered "duplicate" with the stored reply, nothing written), at the first concurrency level. Both
/// phases are checked answer by answer; CPU (host + PostgreSQL) per delivery is the cost.
/// </summary>
public static class DuplicateProbe
{
    public static async Task<DuplicateProbeResult> RunAsync(IngestWorkload workload, HostProcess host, int? postmaster, BenchOptions options,
        int round, int concurrency, List<string> failures)
    {
        var bodies = workload.FreshUnknownMessages($"dup{round}", options.DuplicateProbeMessages);
        var (first, firstCpu) = await BenchRunner.MeasureAsync(host, postmaster,
            () => workload.SendEachAsync(bodies, concurrency, a => a.Status == "processed" && a.Reply == ConversationReplies.Help));
        var (again, againCpu) = await BenchRunner.MeasureAsync(host, postmaster,
            () => workload.SendEachAsync(bodies, concurrency, a => a.Status == "duplicate" && a.Reply == ConversationReplies.Help));
        if (first.Errors.Count > 0) failures.Add($"round {round} duplicate probe, first deliveries: {first.Errors.Count} wrong answers: {string.Join(" | ", first.Errors.Take(3))}");
        if (again.Errors.Count > 0) failures.Add($"round {round} duplicate probe, redeliveries: {again.Errors.Count} wrong answers: {string.Join(" | ", again.Errors.Take(3))}");
        return new DuplicateProbeResult(round, bodies.Count, firstCpu, againCpu, LatencyStats.From(first.LatenciesMs), LatencyStats.From(again.LatenciesMs));
    }
}
