using System.Globalization;
using System.Text;

namespace OpsCopilot.Bench;

/// <summary>bench/results/latest.md: machine, parameters, the ratios against the goal, every round, the checks.</summary>
public static class BenchReport
{
    public static string Markdown(BenchResult result)
    {
        var o = result.Options;
        var m = result.Machine;
        var median = result.Median;
        var text = new StringBuilder();
        text.AppendLine("# Ingest benchmark: latest results");
        text.AppendLine();
        text.AppendLine(Invariant($"Written by `bench/run.sh` on {m.At:yyyy-MM-dd HH:mm} UTC at commit `{m.Commit}`. Method and reading guide: [docs/benchmarks.md](../../docs/benchmarks.md)."));
        text.AppendLine();
        text.AppendLine(Invariant($"> **Noisy machine.** {m.Cores} cores, shared with other sessions while this ran (load average {m.LoadAverage} at the start). Host, PostgreSQL and the load generator all compete for those cores, so absolute numbers swing from run to run; the ratios, measured in the same run against the same cluster, are the figures to compare."));
        text.AppendLine();

        text.AppendLine("## Result against the goal");
        text.AppendLine();
        text.AppendLine(Invariant($"Goal: the host's ingest within **{BenchResult.GoalFactor:0}×** of pgbench doing the same writes. Median of {result.Rounds.Count} round(s)."));
        text.AppendLine();
        text.AppendLine("| measure | host ingest | pgbench baseline | ratio | goal | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        text.AppendLine(Invariant($"| throughput | {Median(result, r => r.IngestThroughput):F0} msg/s | {Median(result, r => r.Pgbench.Tps):F0} tx/s | {result.ThroughputRatio:F3} | ≥ {1 / BenchResult.GoalFactor:F3} | {YesNo(result.ThroughputGoalMet)} |"));
        text.AppendLine(Invariant($"| latency p95 | {Median(result, r => r.IngestLatency.P95):F1} ms | {Median(result, r => r.PgbenchLatency.P95):F1} ms | {result.P95Ratio:F2} | ≤ {BenchResult.GoalFactor:0} | {YesNo(result.P95GoalMet)} |"));
        text.AppendLine(Invariant($"| CPU per message | {Median(result, r => r.IngestCpuPerMessageMs):F2} ms (host + PostgreSQL) | {Median(result, r => r.PgbenchCpuPerTransactionMs):F2} ms (PostgreSQL) | {result.CpuRatio:F2} | ≤ {BenchResult.GoalFactor:0} | {YesNo(result.CpuGoalMet)} |"));
        text.AppendLine();
        if (!m.CpuMeasured) text.AppendLine("CPU could not be measured (PostgreSQL is not on this machine, or /proc is missing).\n");

        text.AppendLine("## Where the CPU goes (per message, median round)");
        text.AppendLine();
        text.AppendLine("| | host | PostgreSQL | load generator |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(Invariant($"| host ingest | {PerOp(median.IngestCpu.Host, median.Ingest.Counts.Total)} | {PerOp(median.IngestCpu.Database, median.Ingest.Counts.Total)} | {PerOp(median.IngestCpu.Client, median.Ingest.Counts.Total)} (this harness) |"));
        text.AppendLine(Invariant($"| pgbench | – | {PerOp(median.PgbenchCpu.Database, median.Pgbench.Transactions)} | {PerOp(median.PgbenchCpu.Client, median.Pgbench.Transactions)} (pgbench) |"));
        text.AppendLine();

        text.AppendLine("## Rounds");
        text.AppendLine();
        text.AppendLine("| round | ingest msg/s | ingest p50 / p95 / p99 ms | pgbench tx/s | pgbench p50 / p95 / p99 ms | throughput ratio | p95 ratio | CPU ratio |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in result.Rounds)
        {
            text.AppendLine(Invariant($"| {r.Round} | {r.IngestThroughput:F0} | {r.IngestLatency.P50:F1} / {r.IngestLatency.P95:F1} / {r.IngestLatency.P99:F1} | {r.Pgbench.Tps:F0} | {r.PgbenchLatency.P50:F1} / {r.PgbenchLatency.P95:F1} / {r.PgbenchLatency.P99:F1} | {r.ThroughputRatio:F3} | {r.P95Ratio:F2} | {r.CpuRatio:F2} |"));
        }

        text.AppendLine();
        text.AppendLine("## Checks (counts, not timings)");
        text.AppendLine();
        text.AppendLine("| round | sent | help replies | drafts | duplicates | errors | new dedup keys | MESSAGE_IN / OUT | new drafts | pgbench tx (failed) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in result.Rounds)
        {
            var c = r.Ingest.Counts;
            text.AppendLine(Invariant($"| {r.Round} | {c.Total} | {c.Unknown} | {c.TicketRequests} | {c.Duplicates} | {c.Errors} | {r.IngestRows.DedupKeys} | {r.IngestRows.MessagesIn} / {r.IngestRows.MessagesOut} | {r.IngestRows.Drafts} | {r.Pgbench.Transactions} ({r.Pgbench.Failed}) |"));
        }

        text.AppendLine();
        text.AppendLine(result.Verified ? "All checks passed." : "**Checks failed:**\n\n" + string.Join('\n', result.Failures.Select(f => "- " + f)));
        text.AppendLine();

        text.AppendLine("## Parameters");
        text.AppendLine();
        text.AppendLine(Invariant($"- {o.Messages} measured messages per round after {o.WarmupMessages} warm-up messages, {o.Rounds} round(s), ingest and pgbench alternating"));
        text.AppendLine(Invariant($"- concurrency {o.Concurrency} (requests in flight / pgbench clients), {o.Senders} paired dispatcher phones, seed {o.Seed}"));
        text.AppendLine(Invariant($"- mix: {o.UnknownPercent}% unknown text (help reply), {o.TicketPercent}% ticket requests (draft), {o.DuplicatePercent}% redeliveries of answered messages"));
        text.AppendLine("- host: the Release build of OpsCopilot.Web in Production, replies in the HTTP response, Information logging to the console");
        text.AppendLine("- pgbench: `bench/OpsCopilot.Bench/Pgbench/{help,draft,duplicate}.sql` weighted like the mix, `--protocol=extended`, as `ops_app` under row-level security");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine(Invariant($"- CPU: {m.Cpu}, {m.Cores} cores; memory {m.Memory}"));
        text.AppendLine(Invariant($"- OS: {m.Os}; {m.Runtime}"));
        text.AppendLine(Invariant($"- {m.PostgreSql} ({m.PostgreSqlSettings}); {m.Pgbench}"));
        text.AppendLine(Invariant($"- load average at start: {m.LoadAverage}"));
        return text.ToString();
    }

    public static string Summary(BenchResult result) => Invariant($"""
        throughput ratio {result.ThroughputRatio:F3} (goal >= {1 / BenchResult.GoalFactor:F3}: {YesNo(result.ThroughputGoalMet)}), p95 ratio {result.P95Ratio:F2} (goal <= {BenchResult.GoalFactor:0}: {YesNo(result.P95GoalMet)}), CPU ratio {result.CpuRatio:F2} (goal <= {BenchResult.GoalFactor:0}: {YesNo(result.CpuGoalMet)})
        checks: {(result.Verified ? "passed" : "FAILED: " + string.Join("; ", result.Failures))}
        """);

    private static double Median(BenchResult result, Func<RoundResult, double> value) => BenchResult.MedianOf(result.Rounds.Select(value));

    private static string PerOp(double seconds, int operations) => Invariant($"{seconds * 1000 / operations:F2} ms");

    private static string YesNo(bool met) => met ? "yes" : "no";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
