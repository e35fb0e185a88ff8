using System.Diagnostics;
using Npgsql;

namespace OpsCopilot.Bench;

/// <summary>CPU seconds spent during one phase: the host, the PostgreSQL cluster, and the load generator.</summary>
public sealed record PhaseCpu(double Host, double Database, double Client);

/// <summary>Rows the measured ingest phase left in the database: what the host claims to have done, counted.</summary>
public sealed record RowDelta(long DedupKeys, long MessagesIn, long MessagesOut, long Drafts);

public sealed record RoundResult(
    int Round,
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

public sealed record BenchResult(BenchOptions Options, MachineFacts Machine, IReadOnlyList<RoundResult> Rounds, IReadOnlyList<string> Failures)
{
    /// <summary>The goal (docs/benchmarks.md): the host within this factor of pgbench doing the same writes.</summary>
    public const double GoalFactor = 3.0;

    public bool Verified => Failures.Count == 0;

    public RoundResult Median => Rounds.OrderBy(r => r.ThroughputRatio).ElementAt(Rounds.Count / 2);

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public double ThroughputRatio => MedianOf(Rounds.Select(r => r.ThroughputRatio));
    public double P95Ratio => MedianOf(Rounds.Select(r => r.P95Ratio));
    public double CpuRatio => MedianOf(Rounds.Select(r => r.CpuRatio));

    public bool ThroughputGoalMet => ThroughputRatio >= 1 / GoalFactor;
    public bool P95GoalMet => P95Ratio <= GoalFactor;
    public bool CpuGoalMet => CpuRatio <= GoalFactor;
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

        await using var database = await BenchDatabase.CreateAsync(options.KeepDatabase);
        await using var host = await HostProcess.StartAsync(webDll, database, log);
        using var ingest = IngestClient.Create(host.BaseUrl, options.Concurrency, HostProcess.WebhookSecret);
        var pairings = await Senders.PairAsync(database, host.BaseUrl, ingest, options.Senders, runId, log);
        using var baseline = await PgbenchBaseline.PrepareAsync(database, options);
        var postmaster = await PostmasterPidAsync(database);
        var machine = await MachineFacts.CollectAsync(database, await baseline.VersionAsync(), postmaster is not null);
        var workload = new IngestWorkload(ingest, options, runId);
        foreach (var (body, reply) in pairings) workload.Remember(body, reply);

        for (var round = 1; round <= options.Rounds; round++)
        {
            var warm = await workload.WarmUpAsync(round);
            Check(failures, warm.Counts.Errors == 0, $"round {round} ingest warm-up: {warm.Counts.Errors} errors: {string.Join(" | ", warm.Counts.ErrorSamples)}");

            var rowsBefore = await CountRowsAsync(database);
            var (ingestResult, ingestCpu) = await MeasureAsync(host, postmaster, () => workload.MeasureAsync(round));
            var rows = Minus(await CountRowsAsync(database), rowsBefore);
            var counts = ingestResult.Counts;
            log.WriteLine($"Round {round} ingest: {counts.Total} messages in {ingestResult.WallSeconds:F1} s " +
                          $"({counts.Unknown} help, {counts.TicketRequests} drafts, {counts.Duplicates} duplicates, {counts.Errors} errors)");
            Check(failures, counts.Errors == 0, $"round {round} ingest: {counts.Errors} errors: {string.Join(" | ", counts.ErrorSamples)}");
            Check(failures, counts.Total == options.Messages, $"round {round} ingest: {counts.Total} answers for {options.Messages} messages");
            Check(failures, rows.DedupKeys == counts.Processed, $"round {round}: {rows.DedupKeys} new dedup keys for {counts.Processed} processed messages");
            Check(failures, rows.MessagesIn == counts.Processed && rows.MessagesOut == counts.Processed,
                $"round {round}: {rows.MessagesIn} MESSAGE_IN / {rows.MessagesOut} MESSAGE_OUT for {counts.Processed} processed messages");
            Check(failures, rows.Drafts == counts.TicketRequests, $"round {round}: {rows.Drafts} drafts for {counts.TicketRequests} ticket requests");

            await baseline.WarmUpAsync();
            var (pgbenchResult, pgbenchCpu) = await MeasureAsync(null, postmaster, baseline.MeasureAsync);
            log.WriteLine($"Round {round} pgbench: {pgbenchResult.Transactions} transactions, {pgbenchResult.Tps:F0} tps, {pgbenchResult.Failed} failed");
            Check(failures, pgbenchResult.Failed == 0, $"round {round} pgbench: {pgbenchResult.Failed} failed transactions");
            Check(failures, pgbenchResult.Transactions >= options.Messages, $"round {round} pgbench: {pgbenchResult.Transactions} transactions for {options.Messages}");

            // pgbench's client CPU is its own (reaped child), not this process's.
            pgbenchCpu = pgbenchCpu with { Client = pgbenchResult.ClientCpuSeconds };
            rounds.Add(new RoundResult(round,
                ingestResult, LatencyStats.From(ingestResult.LatenciesMs), ingestCpu, rows,
                pgbenchResult, LatencyStats.From(pgbenchResult.LatenciesMs), pgbenchCpu));
        }

        if (failures.Count > 0) log.WriteLine("Host log (tail):\n" + host.Output);
        return new BenchResult(options, machine, rounds, failures);
    }

    private static void Check(List<string> failures, bool ok, string failure)
    {
        if (!ok) failures.Add(failure);
    }

    private static async Task<(T Result, PhaseCpu Cpu)> MeasureAsync<T>(HostProcess? host, int? postmaster, Func<Task<T>> phase)
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
