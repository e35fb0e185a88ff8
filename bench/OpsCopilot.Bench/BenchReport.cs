using System.Globalization;
using System.Text;

namespace OpsCopilot.Bench;

/// <summary>bench/results/latest.md: machine, parameters, every goal of issue 15 as a ratio, every round, the checks.</summary>
public static class BenchReport
{
    public static string Markdown(BenchResult result)
    {
        var o = result.Options;
        var m = result.Machine;
        var text = new StringBuilder();
        text.AppendLine("# Benchmark: latest results");
        text.AppendLine();
        text.AppendLine(Invariant($"Written by `bench/run.sh` on {m.At:yyyy-MM-dd HH:mm} UTC at commit `{m.Commit}`. Method and reading guide: [docs/benchmarks.md](../../docs/benchmarks.md)."));
        text.AppendLine();
        text.AppendLine(Invariant($"> **Noisy machine.** {m.Cores} cores, shared with other sessions while this ran (load average {m.LoadAverage} at the start, {m.LoadAverageAtEnd} at the end). Host, PostgreSQL and the load generator all compete for those cores, so absolute numbers swing from run to run; the ratios, measured in the same run against the same cluster, are the figures to compare."));
        text.AppendLine();
        text.AppendLine(Invariant($"Durable commits on both sides: the cluster's `synchronous_commit` is **{m.SynchronousCommit}**; the host sets it on for every connection, pgbench through `PGOPTIONS`."));
        text.AppendLine();

        text.AppendLine("## Result against the goals");
        text.AppendLine();
        text.AppendLine(Invariant($"Median of {o.Rounds} round(s) per concurrency; every ratio against a baseline measured in the same run."));
        text.AppendLine();
        text.AppendLine("| measure | measured | baseline | ratio | goal | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var c in result.Concurrencies)
        {
            var rounds = result.At(c);
            text.AppendLine(Invariant($"| ingest throughput ÷ pgbench, concurrency {c} | {Median(rounds, r => r.IngestThroughput):F0} msg/s | {Median(rounds, r => r.Pgbench.Tps):F0} tx/s | {result.ThroughputRatio(c):F3} | ≥ {Goals.Throughput} | {YesNo(result.ThroughputRatio(c) >= Goals.Throughput)} |"));
            text.AppendLine(Invariant($"| CPU per message ÷ pgbench's PostgreSQL CPU per transaction, concurrency {c} | {Median(rounds, r => r.IngestCpuPerMessageMs):F2} ms (host + PostgreSQL) | {Median(rounds, r => r.PgbenchCpuPerTransactionMs):F2} ms | {result.CpuRatio(c):F2} | ≤ {Goals.Cpu} | {YesNo(result.CpuRatio(c) <= Goals.Cpu)} |"));
            text.AppendLine(Invariant($"| ingest p95 ÷ pgbench p95, concurrency {c} | {Median(rounds, r => r.IngestLatency.P95):F1} ms | {Median(rounds, r => r.PgbenchLatency.P95):F1} ms | {result.P95Ratio(c):F2} | ≤ {Goals.P95} | {YesNo(result.P95Ratio(c) <= Goals.P95)} |"));
        }

        if (result.DuplicateProbes.Count > 0)
        {
            var p = result.DuplicateProbes;
            text.AppendLine(Invariant($"| a duplicate delivery's cost ÷ a first delivery's (host + PostgreSQL CPU) | {BenchResult.MedianOf(p.Select(x => x.DuplicateCpuMs)):F2} ms | {BenchResult.MedianOf(p.Select(x => x.FirstCpuMs)):F2} ms | {result.DuplicateCostRatio:F2} | ≤ 0.33 | {YesNo(result.DuplicateCostRatio <= Goals.DuplicateCost)} |"));
        }

        if (result.Confirms is { } confirms)
            text.AppendLine(Invariant($"| {confirms.Racers} concurrent confirms of one draft, p99 ÷ one uncontended confirm (p50), exactly one commit | {confirms.Contended.P99:F1} ms | {confirms.Uncontended.P50:F1} ms | {confirms.P99Ratio:F2} | ≤ {Goals.ConfirmP99} | {YesNo(confirms.P99Ratio <= Goals.ConfirmP99)} |"));

        if (result.Console is { } console)
            foreach (var page in console.Pages)
                text.AppendLine(Invariant($"| console first page over {console.Events:N0} events: {page.Page}, load ÷ EXPLAIN ANALYZE; index scans only: {YesNo(page.IndexScansOnly)} | {page.ServerMs:F2} ms | {page.ExplainMs:F2} ms | {page.Ratio:F2} | ≤ {Goals.ConsolePage}, index scans | {YesNo(page.Ratio <= Goals.ConsolePage && page.IndexScansOnly)} |"));

        if (result.Rss is { } rss)
            text.AppendLine(Invariant($"| host RSS after {rss.LateMessages:N0} messages ÷ after {rss.EarlyMessages:N0} | {rss.LateMegabytes:F0} MB | {rss.EarlyMegabytes:F0} MB | {rss.Ratio:F2} | ≤ {Goals.Rss} | {YesNo(rss.Ratio <= Goals.Rss)} |"));
        text.AppendLine();
        if (!m.CpuMeasured) text.AppendLine("CPU could not be measured (PostgreSQL is not on this machine, or /proc is missing).\n");

        text.AppendLine("## Where the CPU goes (per message, median round)");
        text.AppendLine();
        text.AppendLine("| | host | PostgreSQL | load generator |");
        text.AppendLine("|---|---|---|---|");
        foreach (var c in result.Concurrencies)
        {
            var median = result.MedianRound(c);
            text.AppendLine(Invariant($"| host ingest, concurrency {c} | {PerOp(median.IngestCpu.Host, median.Ingest.Counts.Total)} | {PerOp(median.IngestCpu.Database, median.Ingest.Counts.Total)} | {PerOp(median.IngestCpu.Client, median.Ingest.Counts.Total)} (this harness) |"));
            text.AppendLine(Invariant($"| pgbench, concurrency {c} | – | {PerOp(median.PgbenchCpu.Database, median.Pgbench.Transactions)} | {PerOp(median.PgbenchCpu.Client, median.Pgbench.Transactions)} (pgbench) |"));
        }

        foreach (var p in result.DuplicateProbes)
        {
            text.AppendLine(Invariant($"| first deliveries (probe, round {p.Round}) | {PerOp(p.FirstCpu.Host, p.Messages)} | {PerOp(p.FirstCpu.Database, p.Messages)} | {PerOp(p.FirstCpu.Client, p.Messages)} |"));
            text.AppendLine(Invariant($"| redeliveries (probe, round {p.Round}) | {PerOp(p.DuplicateCpu.Host, p.Messages)} | {PerOp(p.DuplicateCpu.Database, p.Messages)} | {PerOp(p.DuplicateCpu.Client, p.Messages)} |"));
        }

        text.AppendLine();
        text.AppendLine("## Rounds");
        text.AppendLine();
        text.AppendLine("| concurrency | round | ingest msg/s | ingest p50 / p95 / p99 ms | pgbench tx/s | pgbench p50 / p95 / p99 ms | throughput ratio | p95 ratio | CPU ratio |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in result.Rounds)
            text.AppendLine(Invariant($"| {r.Concurrency} | {r.Round} | {r.IngestThroughput:F0} | {r.IngestLatency.P50:F1} / {r.IngestLatency.P95:F1} / {r.IngestLatency.P99:F1} | {r.Pgbench.Tps:F0} | {r.PgbenchLatency.P50:F1} / {r.PgbenchLatency.P95:F1} / {r.PgbenchLatency.P99:F1} | {r.ThroughputRatio:F3} | {r.P95Ratio:F2} | {r.CpuRatio:F2} |"));

        if (result.DuplicateProbes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| duplicate probe round | messages | first: CPU ms, p50 ms | redelivery: CPU ms, p50 ms | cost ratio |");
            text.AppendLine("|---|---|---|---|---|");
            foreach (var p in result.DuplicateProbes)
                text.AppendLine(Invariant($"| {p.Round} | {p.Messages} | {p.FirstCpuMs:F2}, {p.FirstLatency.P50:F1} | {p.DuplicateCpuMs:F2}, {p.DuplicateLatency.P50:F1} | {p.CostRatio:F2} |"));
        }

        if (result.Confirms is { } c2)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Confirms: {o.UncontendedConfirms} one at a time (p50 / p95 / max {c2.Uncontended.P50:F1} / {c2.Uncontended.P95:F1} / {c2.Uncontended.Max:F1} ms); {c2.Races} drafts confirmed by {c2.Racers} requests at once each (p50 / p95 / p99 / max {c2.Contended.P50:F1} / {c2.Contended.P95:F1} / {c2.Contended.P99:F1} / {c2.Contended.Max:F1} ms), every answer 200 COMMITTED, one ticket and one DRAFT_COMMITTED per draft. For scale, {c2.Racers} authenticated reads of one draft at once (the same session; no decision): p50 / p99 {c2.ReadBurst.P50:F1} / {c2.ReadBurst.P99:F1} ms."));
        }

        if (result.Console is { } c3)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Console data: {string.Join(", ", c3.Rows.Select(kv => $"{kv.Value:N0} {kv.Key}"))} in the tenant. Load = the page's service on a fresh runtime context, median of {o.ConsoleSamples}; EXPLAIN ANALYZE = planning + execution summed over the page's queries, median of {o.ConsoleSamples}. The floor of any load — a fresh runtime context opening its connection and running `SELECT 1` — is {c3.FloorMs:F2} ms."));
            text.AppendLine();
            text.AppendLine("| page | queries | plans (page query ; count query …) |");
            text.AppendLine("|---|---|---|");
            foreach (var page in c3.Pages) text.AppendLine(Invariant($"| {page.Page} | {page.Queries} | {page.Plan} |"));
        }

        text.AppendLine();
        text.AppendLine("## Checks (counts, not timings)");
        text.AppendLine();
        text.AppendLine("| concurrency | round | sent | help replies | drafts | duplicates | errors | new dedup keys | MESSAGE_IN / OUT | new drafts | pgbench tx (failed) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in result.Rounds)
        {
            var c = r.Ingest.Counts;
            text.AppendLine(Invariant($"| {r.Concurrency} | {r.Round} | {c.Total} | {c.Unknown} | {c.TicketRequests} | {c.Duplicates} | {c.Errors} | {r.IngestRows.DedupKeys} | {r.IngestRows.MessagesIn} / {r.IngestRows.MessagesOut} | {r.IngestRows.Drafts} | {r.Pgbench.Transactions} ({r.Pgbench.Failed}) |"));
        }

        text.AppendLine();
        text.AppendLine(result.Verified ? "All checks passed." : "**Checks failed:**\n\n" + string.Join('\n', result.Failures.Select(f => "- " + f)));
        text.AppendLine();

        text.AppendLine("## Parameters");
        text.AppendLine();
        text.AppendLine(Invariant($"- {o.Messages} measured messages per round after {o.WarmupMessages} warm-up messages, {o.Rounds} round(s) per concurrency ({string.Join(", ", o.Concurrencies)}), ingest and pgbench alternating; before the first round the host handles {o.HostWarmupMessages} messages once (split over the concurrencies, counted in the RSS reading's total), so the rounds measure a host whose hot code is compiled, as one that has been running for hours"));
        text.AppendLine(Invariant($"- {o.Senders} paired dispatcher phones, seed {o.Seed}; mix: {o.UnknownPercent}% unknown text (help reply), {o.TicketPercent}% ticket requests (draft), {o.DuplicatePercent}% redeliveries of answered messages"));
        text.AppendLine(Invariant($"- duplicate probe: {o.DuplicateProbeMessages} unknown-text messages, then the same bytes again, per round at concurrency {o.Concurrencies[0]}"));
        text.AppendLine("- host: the Release build of OpsCopilot.Web in Production, replies in the HTTP response, Information logging to the console");
        text.AppendLine("- pgbench: `bench/OpsCopilot.Bench/Pgbench/{help,draft,duplicate}.sql` weighted like the mix, `--protocol=prepared` (the host auto-prepares too), as `ops_app` under row-level security, `synchronous_commit=on`");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine(Invariant($"- CPU: {m.Cpu}, {m.Cores} cores; memory {m.Memory}"));
        text.AppendLine(Invariant($"- OS: {m.Os}; {m.Runtime}"));
        text.AppendLine(Invariant($"- {m.PostgreSql} ({m.PostgreSqlSettings}); {m.Pgbench}"));
        text.AppendLine(Invariant($"- load average at start: {m.LoadAverage}; at the end: {m.LoadAverageAtEnd}"));
        return text.ToString();
    }

    public static string Summary(BenchResult result)
    {
        var lines = new List<string>();
        foreach (var c in result.Concurrencies)
            lines.Add(Invariant($"concurrency {c}: throughput ratio {result.ThroughputRatio(c):F3} (goal >= {Goals.Throughput}), CPU ratio {result.CpuRatio(c):F2} (goal <= {Goals.Cpu}), p95 ratio {result.P95Ratio(c):F2} (goal <= {Goals.P95})"));
        if (result.DuplicateProbes.Count > 0) lines.Add(Invariant($"duplicate cost ratio {result.DuplicateCostRatio:F2} (goal <= 0.33)"));
        if (result.Confirms is { } confirms) lines.Add(Invariant($"confirm race p99 ratio {confirms.P99Ratio:F2} (goal <= {Goals.ConfirmP99})"));
        if (result.Console is { } console)
            lines.Add("console: " + string.Join(", ", console.Pages.Select(p => Invariant($"{p.Page} {p.Ratio:F2}{(p.IndexScansOnly ? "" : " (NOT index scans only)")}"))) + Invariant($" (goal <= {Goals.ConsolePage})"));
        if (result.Rss is { } rss) lines.Add(Invariant($"RSS ratio {rss.Ratio:F2} ({rss.EarlyMegabytes:F0} -> {rss.LateMegabytes:F0} MB, goal <= {Goals.Rss})"));
        lines.Add("checks: " + (result.Verified ? "passed" : "FAILED: " + string.Join("; ", result.Failures)));
        return string.Join('\n', lines);
    }

    private static double Median(IEnumerable<RoundResult> rounds, Func<RoundResult, double> value) => BenchResult.MedianOf(rounds.Select(value));

    private static string PerOp(double seconds, int operations) => Invariant($"{seconds * 1000 / operations:F2} ms");

    private static string YesNo(bool met) => met ? "yes" : "no";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
