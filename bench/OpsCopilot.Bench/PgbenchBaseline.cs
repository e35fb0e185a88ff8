using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace OpsCopilot.Bench;

public sealed record PgbenchPhaseResult(int Transactions, int Failed, double Tps, double WallSeconds, double ClientCpuSeconds, IReadOnlyList<double> LatenciesMs);

/// <summary>
/// The baseline: pgbench running the writes of one ingest transaction (Pgbench/*.sql), weighted like the message
/// mix, with the same concurrency, as the same runtime role, against the same database. What it cannot do faster
/// than this, the host cannot either; the ratio says how much the host adds on top.
/// </summary>
public sealed partial class PgbenchBaseline : IDisposable
{
    /// <summary>Recorded redelivery keys the duplicate script picks from.</summary>
    public const int DuplicateKeys = 200;

    private readonly string pgbench;
    private readonly string scripts;
    private readonly BenchDatabase database;
    private readonly BenchOptions options;

    private PgbenchBaseline(string pgbench, string scripts, BenchDatabase database, BenchOptions options)
    {
        this.pgbench = pgbench;
        this.scripts = scripts;
        this.database = database;
        this.options = options;
    }

    public string Executable => pgbench;

    public static async Task<PgbenchBaseline> PrepareAsync(BenchDatabase database, BenchOptions options)
    {
        var executable = FindPgbench(options.PgBin);
        var directory = Directory.CreateTempSubdirectory("ops-bench-pgbench-").FullName;
        foreach (var name in new[] { "help.sql", "draft.sql", "duplicate.sql" })
        {
            await using var resource = typeof(PgbenchBaseline).Assembly.GetManifestResourceStream("Pgbench." + name)
                ?? throw new InvalidOperationException($"Pgbench/{name} is not embedded.");
            await using var file = File.Create(Path.Combine(directory, name));
            await resource.CopyToAsync(file);
        }

        // The keys the duplicate script redelivers: recorded and answered, as the host records them.
        await database.ExecuteAsAppAsync(HostProcess.DemoTenantId, $"""
            SELECT c.duplicate FROM generate_series(1, {DuplicateKeys}) AS g,
                ops.claim_ingest_key('wamid.pgbench-dup-' || g, '{Senders.Phone(1)}', 'wamid.pgbench-dup-' || g, NULL::text) AS c;
            SELECT ops.store_ingest_outcome('wamid.pgbench-dup-' || g, NULL::uuid,
                                            jsonb_build_object('reply', 'Create ticket: ''Bremsenproblem LKW W-' || g || '''? Reply CONFIRM or CANCEL'))
            FROM generate_series(1, {DuplicateKeys}) AS g;
            """);
        return new PgbenchBaseline(executable, directory, database, options);
    }

    public Task<PgbenchPhaseResult> WarmUpAsync(int concurrency) => RunAsync(options.WarmupMessages, concurrency, logLatencies: false);

    public Task<PgbenchPhaseResult> MeasureAsync(int concurrency) => RunAsync(options.Messages, concurrency, logLatencies: true);

    private async Task<PgbenchPhaseResult> RunAsync(int transactions, int concurrency, bool logLatencies)
    {
        if (transactions == 0) return new PgbenchPhaseResult(0, 0, 0, 0, 0, []);
        var perClient = (transactions + concurrency - 1) / concurrency;
        var connection = new NpgsqlConnectionStringBuilder(database.AppConnectionString);
        var logDirectory = Path.Combine(scripts, "log-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logDirectory);

        var start = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--no-vacuum", "--protocol=prepared",
                     "--client=" + concurrency, "--jobs=" + Math.Min(concurrency, Environment.ProcessorCount),
                     "--transactions=" + perClient,
                     "--host=" + connection.Host, "--port=" + connection.Port, "--username=" + connection.Username, connection.Database!,
                     "--define=tenant=" + HostProcess.DemoTenantId, "--define=senders=" + options.Senders,
                     "--define=phone_base=" + Senders.PhoneBase, "--define=duplicate_keys=" + DuplicateKeys,
                 })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (script, weight) in new[] { ("help.sql", options.UnknownPercent), ("draft.sql", options.TicketPercent), ("duplicate.sql", options.DuplicatePercent) })
            if (weight > 0) start.ArgumentList.Add($"--file={Path.Combine(scripts, script)}@{weight}");
        if (logLatencies)
        {
            start.ArgumentList.Add("--log");
            start.ArgumentList.Add("--log-prefix=" + Path.Combine(logDirectory, "tx"));
        }

        start.Environment["PGPASSWORD"] = connection.Password;
        // The tenant as the host's connection interceptor sets it (row-level security applies to every statement), and
        // durable commits as the interceptor sets them: both sides wait for the WAL to be on disk.
        start.Environment["PGOPTIONS"] = $"-c app.tenant_id={HostProcess.DemoTenantId} -c synchronous_commit=on";
        start.Environment["PGCONNECT_TIMEOUT"] = "10";

        var cpuBefore = CpuClock.ReapedChildren();
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pgbench.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var clientCpu = CpuClock.ReapedChildren() - cpuBefore;
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench exited {process.ExitCode}:\n{output}");

        var processed = Match(ProcessedPattern(), output, "number of transactions actually processed");
        var failed = TryMatch(FailedPattern(), output) ?? 0;
        var tps = double.Parse(ProcessedTps().Match(output) is { Success: true } m ? m.Groups[1].Value : throw Unparsed("tps", output), CultureInfo.InvariantCulture);
        var latencies = logLatencies ? ReadLatencies(logDirectory) : [];
        Directory.Delete(logDirectory, recursive: true);
        return new PgbenchPhaseResult((int)processed, (int)failed, tps, wall, clientCpu, latencies);
    }

    /// <summary>pgbench's per-transaction log: client, transaction, latency in microseconds, script, epoch, µs.</summary>
    private static List<double> ReadLatencies(string directory)
    {
        var latencies = new List<double>();
        foreach (var file in Directory.EnumerateFiles(directory))
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
                    latencies.Add(micros / 1000.0);
            }

        return latencies;
    }

    public static string FindPgbench(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured)) candidates.Add(configured);
        if (Environment.GetEnvironmentVariable("OPS_PG_BIN") is { Length: > 0 } fromEnvironment) candidates.Add(fromEnvironment);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.Select(d => Path.Combine(d, "pgbench")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("pgbench not found (PostgreSQL's server package ships it): pass --pg-bin or set OPS_PG_BIN.");
    }

    public async Task<string> VersionAsync()
    {
        using var process = Process.Start(new ProcessStartInfo(pgbench, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Trim();
    }

    private static long Match(Regex pattern, string output, string what) =>
        TryMatch(pattern, output) ?? throw Unparsed(what, output);

    private static long? TryMatch(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static InvalidOperationException Unparsed(string what, string output) => new($"pgbench printed no '{what}':\n{output}");

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedPattern();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedPattern();

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex ProcessedTps();

    public void Dispose()
    {
        try
        {
            Directory.Delete(scripts, recursive: true);
        }
        catch (IOException) { }
    }
}
