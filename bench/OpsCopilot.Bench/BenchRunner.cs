using System.Diagnostics;
using Npgsql;

namespace OpsCopilot.Bench;

/// <summary>CPU seconds spent during one phase: the host, the PostgreSQL cluster, and the load generator.</summary>
public sealed record PhaseCpu(double Host, double Database, double Client);

/// <summary>Rows the measured ingest phase left in the database: what the host claims to have done, counted.</summary>
public sealed record RowDelta(long DedupKeys, long MessagesIn, long MessagesOut, long Drafts);

public sealed record RoundResult(
    int Round, int Concurrency,
    IngestPhaseResult Ingest, LatencyStats IngestLatency, PhaseCpu IngestCpu, RowDelta IngestRows,
    PgbenchPhaseResult Pgbench, LatencyStats PgbenchLatency, PhaseCpu PgbenchCpu)
{
    public double IngestThroughput => Ingest.Counts.Total / Ingest.WallSeconds;

    /// <summary>Host and database CPU per message; the load generator is not part of the product.</summary>
    public double IngestCpuPerMessageMs => (IngestCpu.Host + IngestCpu.Database) * 1000 / Ingest.Counts.Total;

    /// <summary>Database CPU per transaction; pgbench itself is the load generator.</summary>
    public double PgbenchCpuPerTransactionMs => PgbenchCpu.Database * 1000 / Pgbench.Transactions;

    public double ThroughputRatio => IngestThroughput / Pgbench.Tps;
    public double P95Ratio => IngestLatency.P95 / PgbenchLatency.P95;
    public double CpuRatio => IngestCpuPerMessageMs / PgbenchCpuPerTransactionMs;
}

/// <summary>Host RSS after the first messages and after many more: memory must stay flat.</summary>
public sealed record RssResult(int EarlyMessages, double EarlyMegabytes, int LateMessages, double LateMegabytes)
{
    public double Ratio => LateMegabytes / EarlyMegabytes;
}

/// <summary>The goals of issue 15 (docs/benchmarks.md), each a ratio against a baseline of the same run.</summary>
public static class Goals
{
    public const double Throughput = 0.5;
    public const double Cpu = 2.0;
    public const double P95 = 2.0;
    public const double DuplicateCost = 1.0 / 3;
    public const double ConfirmP99 = 3.0;
    public const double ConsolePage = 3.0;
    public const double Rss = 1.3;
}

public sealed record BenchResult(BenchOptions Options, MachineFacts Machine, IReadOnlyList<RoundResult> Rounds,
    IReadOnlyList<DuplicateProbeResult> DuplicateProbes, ConfirmRaceResult? Confirms, ConsolePagesResult? Console, RssResult? Rss,
    IReadOnlyList<string> Failures)
{
    public bool Verified => Failures.Count == 0;

    public IEnumerable<int> Concurrencies => Rounds.Select(r => r.Concurrency).Distinct();

    public IReadOnlyList<RoundResult> At(int concurrency) => Rounds.Where(r => r.Concurrency == concurrency).ToList();

    /// <summary>The round whose throughput ratio is the median at that concurrency (for the CPU breakdown).</summary>
    public RoundResult MedianRound(int concurrency) => At(concurrency).OrderBy(r => r.ThroughputRatio).ElementAt(At(concurrency).Count / 2);

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public double ThroughputRatio(int concurrency) => MedianOf(At(concurrency).Select(r => r.ThroughputRatio));
    public double P95Ratio(int concurrency) => MedianOf(At(concurrency).Select(r => r.P95Ratio));
    public double CpuRatio(int concurrency) => MedianOf(At(concurrency).Select(r => r.CpuRatio));
    public double DuplicateCostRatio => MedianOf(DuplicateProbes.Select(p => p.CostRatio));
}

/// <summary>
/// One bench run: a fresh database, the real host (migrated, seeded, dispatchers paired), then rounds of
/// (warm-up, measured ingest) and (warm-up, measured pgbench) against the same cluster, each phase measured from
/// outside: wall time and latencies at the client, CPU from /proc, rows counted in the database.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter log)
    {
        options.Validate();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var webDll = options.WebDll ?? HostProcess.FindWebDll();
        var pgbench = PgbenchBaseline.FindPgbench(options.PgBin);
        var failures = new List<string>();
        var rounds = new List<RoundResult>();
        var probes = new List<DuplicateProbeResult>();

        await using var database = await BenchDatabase.CreateAsync(options.KeepDatabase);
        await using var host = await HostProcess.StartAsync(webDll, database, log);
        using var ingest = IngestClient.Create(host.BaseUrl, options.MaxConcurrency, HostProcess.WebhookSecret);
        var pairings = await Senders.PairAsync(database, host.BaseUrl, ingest, options.Senders, runId, log);
        using var baseline = await PgbenchBaseline.PrepareAsync(database, options);
        var postmaster = await PostmasterPidAsync(database);
        var machine = await MachineFacts.CollectAsync(database, await baseline.VersionAsync(), postmaster is not null);
        // Durable commits on both sides, or the comparison says nothing about a deployment that must not lose messages.
        Check(failures, machine.SynchronousCommit == "on",
            $"the cluster runs with synchronous_commit = {machine.SynchronousCommit}: the bench needs on (scripts/db.sh's default)");
        var workload = new IngestWorkload(ingest, options, runId);
        foreach (var (body, reply) in pairings) workload.Remember(body, reply);

        // Memory after the first messages: the reference for the RSS reading at the end.
        var early = await workload.SendMixAsync("rss-early", options.RssBaselineMessages, options.Concurrencies[0]);
        Check(failures, early.Counts.Errors == 0, $"first messages: {early.Counts.Errors} errors: {string.Join(" | ", early.Counts.ErrorSamples)}");
        var earlyRss = (Messages: workload.Sent, Megabytes: host.RssMegabytes);

        // A host in production has been running for hours: its hot code is compiled for good. Measure that, not the
        // JIT's first minute (rounds right after start-up cost up to twice the CPU per message of later ones).
        foreach (var concurrency in options.Concurrencies)
        {
            var share = options.HostWarmupMessages / options.Concurrencies.Count;
            if (share == 0) continue;
            var warm = await workload.SendMixAsync($"host-warmup-c{concurrency}", share, concurrency);
            Check(failures, warm.Counts.Errors == 0, $"host warm-up at {concurrency}: {warm.Counts.Errors} errors: {string.Join(" | ", warm.Counts.ErrorSamples)}");
            log.WriteLine($"Host warm-up: {share} messages at concurrency {concurrency} in {warm.WallSeconds:F1} s");
        }

        foreach (var concurrency in options.Concurrencies)
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                var warm = await workload.WarmUpAsync(round, concurrency);
                Check(failures, warm.Counts.Errors == 0, $"c{concurrency} round {round} ingest warm-up: {warm.Counts.Errors} errors: {string.Join(" | ", warm.Counts.ErrorSamples)}");

                var rowsBefore = await CountRowsAsync(database);
                var (ingestResult, ingestCpu) = await MeasureAsync(host, postmaster, () => workload.MeasureAsync(round, concurrency));
                var rows = Minus(await CountRowsAsync(database), rowsBefore);
                var counts = ingestResult.Counts;
                log.WriteLine($"Concurrency {concurrency} round {round} ingest: {counts.Total} messages in {ingestResult.WallSeconds:F1} s " +
                              $"({counts.Unknown} help, {counts.TicketRequests} drafts, {counts.Duplicates} duplicates, {counts.Errors} errors)");
                var where = $"c{concurrency} round {round}";
                Check(failures, counts.Errors == 0, $"{where} ingest: {counts.Errors} errors: {string.Join(" | ", counts.ErrorSamples)}");
                Check(failures, counts.Total == options.Messages, $"{where} ingest: {counts.Total} answers for {options.Messages} messages");
                Check(failures, rows.DedupKeys == counts.Processed, $"{where}: {rows.DedupKeys} new dedup keys for {counts.Processed} processed messages");
                Check(failures, rows.MessagesIn == counts.Processed && rows.MessagesOut == counts.Processed,
                    $"{where}: {rows.MessagesIn} MESSAGE_IN / {rows.MessagesOut} MESSAGE_OUT for {counts.Processed} processed messages");
                Check(failures, rows.Drafts == counts.TicketRequests, $"{where}: {rows.Drafts} drafts for {counts.TicketRequests} ticket requests");

                await baseline.WarmUpAsync(concurrency);
                var (pgbenchResult, pgbenchCpu) = await MeasureAsync(null, postmaster, () => baseline.MeasureAsync(concurrency));
                log.WriteLine($"Concurrency {concurrency} round {round} pgbench: {pgbenchResult.Transactions} transactions, {pgbenchResult.Tps:F0} tps, {pgbenchResult.Failed} failed");
                Check(failures, pgbenchResult.Failed == 0, $"{where} pgbench: {pgbenchResult.Failed} failed transactions");
                Check(failures, pgbenchResult.Transactions >= options.Messages, $"{where} pgbench: {pgbenchResult.Transactions} transactions for {options.Messages}");

                // pgbench's client CPU is its own (reaped child), not this process's.
                pgbenchCpu = pgbenchCpu with { Client = pgbenchResult.ClientCpuSeconds };
                rounds.Add(new RoundResult(round, concurrency,
                    ingestResult, LatencyStats.From(ingestResult.LatenciesMs), ingestCpu, rows,
                    pgbenchResult, LatencyStats.From(pgbenchResult.LatenciesMs), pgbenchCpu));

                if (concurrency == options.Concurrencies[0])
                {
                    var probe = await DuplicateProbe.RunAsync(workload, host, postmaster, options, round, concurrency, failures);
                    probes.Add(probe);
                    log.WriteLine($"Round {round} duplicate probe: {probe.DuplicateCpuMs:F2} ms per redelivery, {probe.FirstCpuMs:F2} ms per first delivery");
                }
            }
        }

        var confirms = await ConfirmRace.RunAsync(database, host.BaseUrl, options, failures);
        log.WriteLine($"Confirms: uncontended p50 {confirms.Uncontended.P50:F1} ms, {options.ConfirmRacers} racing p99 {confirms.Contended.P99:F1} ms; {options.ConfirmRacers} reads of one draft at once p99 {confirms.ReadBurst.P99:F1} ms");

        // Top up to the RSS reading's message count with the same mix, then read the host's memory again.
        if (options.RssMessages > workload.Sent)
        {
            var topUp = await workload.SendMixAsync("rss-late", options.RssMessages - workload.Sent, options.Concurrencies[0]);
            Check(failures, topUp.Counts.Errors == 0, $"RSS top-up: {topUp.Counts.Errors} errors: {string.Join(" | ", topUp.Counts.ErrorSamples)}");
        }

        var rss = new RssResult(earlyRss.Messages, earlyRss.Megabytes, workload.Sent, host.RssMegabytes);
        log.WriteLine($"Host RSS: {rss.EarlyMegabytes:F0} MB after {rss.EarlyMessages} messages, {rss.LateMegabytes:F0} MB after {rss.LateMessages}");

        // Last: the console's pages over a big tenant (the bulk rows would otherwise weigh on the ingest rounds).
        var console = await ConsolePages.RunAsync(database, options, log);

        if (failures.Count > 0) log.WriteLine("Host log (tail):\n" + host.Output);
        return new BenchResult(options, machine, rounds, probes, confirms, console, rss, failures);
    }

    private static void Check(List<string> failures, bool ok, string failure)
    {
        if (!ok) failures.Add(failure);
    }

    public static async Task<(T Result, PhaseCpu Cpu)> MeasureAsync<T>(HostProcess? host, int? postmaster, Func<Task<T>> phase)
    {
        var self = Process.GetCurrentProcess();
        var hostBefore = host?.CpuSeconds ?? 0;
        var databaseBefore = postmaster is { } pm ? CpuClock.Cluster(pm) ?? double.NaN : double.NaN;
        var clientBefore = self.TotalProcessorTime.TotalSeconds;

        var result = await phase();

        self.Refresh();
        var cpu = new PhaseCpu(
            (host?.CpuSeconds ?? 0) - hostBefore,
            (postmaster is { } pm2 ? CpuClock.Cluster(pm2) ?? double.NaN : double.NaN) - databaseBefore,
            self.TotalProcessorTime.TotalSeconds - clientBefore);
        return (result, cpu);
    }

    /// <summary>The cluster's postmaster, found as the parent of our own backend; null when PostgreSQL is not on this machine.</summary>
    private static async Task<int?> PostmasterPidAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return CpuClock.Available ? CpuClock.ParentOf(backend) : null;
    }

    private static async Task<RowDelta> CountRowsAsync(BenchDatabase database) => new(
        await database.ScalarAsync<long>(HostProcess.DemoTenantId, "SELECT count(*) FROM ops.ingest_dedup WHERE message_id LIKE 'wamid.bench-%'"),
        await database.ScalarAsync<long>(HostProcess.DemoTenantId, "SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN'"),
        await database.ScalarAsync<long>(HostProcess.DemoTenantId, "SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_OUT'"),
        await database.ScalarAsync<long>(HostProcess.DemoTenantId, "SELECT count(*) FROM ops.drafts"));

    private static RowDelta Minus(RowDelta after, RowDelta before) => new(
        after.DedupKeys - before.DedupKeys, after.MessagesIn - before.MessagesIn, after.MessagesOut - before.MessagesOut, after.Drafts - before.Drafts);
}
