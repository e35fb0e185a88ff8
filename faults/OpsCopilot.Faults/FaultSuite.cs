using System.Globalization;
using OpsCopilot.Bench;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Faults;

/// <summary>
/// Runs every scenario against the real host (Release build) and the suite's own PostgreSQL cluster, and reports per
/// scenario what the gateway got acknowledged, what was lost (acknowledged, no MESSAGE_IN) or doubled, the 5xx answers
/// and how long the gateway saw no success. Any loss, double, stuck draft or broken promise fails the run.
/// </summary>
internal sealed class FaultSuite(FaultOptions options, string repositoryRoot, TextWriter log)
{
    public const int Dispatchers = 16;
    private readonly string runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    private readonly List<ScenarioResult> results = [];
    private FaultCluster cluster = null!;
    private BenchDatabase database = null!;
    private Ledger ledger = null!;
    private HostHandle host = null!;
    private Dictionary<string, string> hostEnvironment = null!;
    private string webDll = null!;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync()
    {
        var pgPort = int.Parse(Environment.GetEnvironmentVariable("OPS_FAULTS_PG_PORT")
            ?? (int.Parse(Environment.GetEnvironmentVariable("OPS_PG_PORT") ?? "55432", CultureInfo.InvariantCulture) + 100).ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);
        var pgDirectory = Environment.GetEnvironmentVariable("OPS_FAULTS_PG_DIR") ?? Path.Combine(repositoryRoot, ".data", "pg-faults");
        cluster = new FaultCluster(repositoryRoot, pgPort, pgDirectory, options.ServerSynchronousCommit, log);
        log.WriteLine($"==> Fault cluster on 127.0.0.1:{pgPort} ({pgDirectory}), server default synchronous_commit = {options.ServerSynchronousCommit}");
        await cluster.EnsureAsync();
        try
        {
            foreach (var (name, value) in await cluster.ConnectionSettingsAsync()) Environment.SetEnvironmentVariable(name, value);
            database = await BenchDatabase.CreateAsync(keep: false, prefix: "ops_faults_");
            try
            {
                await RunScenariosAsync();
            }
            finally
            {
                await database.DisposeAsync();
            }
        }
        finally
        {
            await cluster.StopAsync();
        }
        return results;
    }

    private async Task RunScenariosAsync()
    {
        webDll = options.WebDll ?? WebHostProcess.FindWebDll();
        hostEnvironment = HostProcess.Environment(database);
        ledger = new Ledger(database.OwnerConnectionString);
        host = new HostHandle(webDll, hostEnvironment, WebHostProcess.FreePort(), "a");
        log.WriteLine($"==> Host {webDll} on {host.BaseUrl} against {database.Name}");
        await host.StartAsync(runVerbs: true);
        try
        {
            using (var pairing = IngestClient.Create(host.BaseUrl, Dispatchers, HostProcess.WebhookSecret))
                await Senders.PairAsync(database, host.BaseUrl, pairing, Dispatchers, runId, log);

            await ScenarioAsync("host kill -9 + restart", async () =>
            {
                await host.KillAsync();
                await host.StartAsync();
            });
            await ScenarioAsync("PostgreSQL restart -m fast", cluster.RestartFastAsync);
            for (var i = 1; i <= options.Repeats; i++)
                await ScenarioAsync($"PostgreSQL restart -m immediate #{i}", cluster.RestartImmediateAsync);
            for (var i = 1; i <= options.Repeats; i++)
                await ScenarioAsync($"PostgreSQL kill -9 postmaster #{i}", cluster.KillAndRestartAsync);
            await ScenarioAsync($"PostgreSQL stopped {options.Outage.TotalSeconds:0} s", () => cluster.StopForAsync(options.Outage));
            await ScenarioAsync($"PostgreSQL frozen (SIGSTOP) {options.Outage.TotalSeconds:0} s", () => cluster.FreezeForAsync(options.Outage));
            if (options.Wants("race")) results.Add(await new ConfirmRaceScenario(host, ledger, options, runId, log).RunAsync());
            if (options.Wants("proxy"))
                results.Add(await new TwoHostProxyScenario(host, hostEnvironment, webDll, ledger, options, runId, repositoryRoot, log).RunAsync());
        }
        catch
        {
            log.WriteLine("--- last host output ---\n" + string.Join('\n', host.Output.Split('\n').TakeLast(40)));
            throw;
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The gateway's load through one fault: inject it once a quarter of the messages are acknowledged.</summary>
    private async Task ScenarioAsync(string name, Func<Task> fault)
    {
        if (!options.Wants(name)) return;
        log.WriteLine($"==> {name}");
        var result = await MeasureAsync(name, host.BaseUrl, fault, ledger, options, runId);
        results.Add(result);
        log.WriteLine($"    {(result.Passed ? "PASS" : "FAIL")}: {result.Acknowledged} acknowledged, {result.Lost} lost, {result.Doubled} doubled, " +
                      $"{result.ServerErrors} 5xx, recovery {GatewayLoad.Seconds(result.Recovery)}");
    }

    public static async Task<ScenarioResult> MeasureAsync(string name, Uri target, Func<Task> fault, Ledger ledger, FaultOptions options, string runId,
        Action<ScenarioResult, LoadOutcome, TimeSpan>? check = null)
    {
        var slug = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        var plan = GatewayLoad.Plan(slug, runId, Dispatchers, options.Messages);
        var load = new GatewayLoad(target, HostProcess.WebhookSecret, options.Concurrency);
        var (outcome, faultStarted, faultTook, took) = await load.RunAsync(plan, options.Messages / 4, fault);
        var result = new ScenarioResult(name)
        {
            Planned = options.Messages, Acknowledged = outcome.Acknowledged.Count, ServerErrors = outcome.ServerErrors,
            Unreachable = outcome.Unreachable, Recovery = outcome.Recovery(faultStarted), FaultTook = faultTook, Took = took,
        };
        await CheckAsync(result, outcome, plan.SelectMany(p => p).Select(d => d.MessageId).ToList(), ledger);
        check?.Invoke(result, outcome, faultStarted);
        if (Environment.GetEnvironmentVariable("OPS_FAULTS_VERBOSE") == "1")
            Console.WriteLine($"    fault at {faultStarted.TotalSeconds:0.0}s for {faultTook.TotalSeconds:0.0}s; failures: {string.Join(", ", outcome.Failures)}");
        return result;
    }

    /// <summary>Lost, doubled, unacknowledged, refused, stuck: the promises every scenario keeps.</summary>
    public static async Task CheckAsync(ScenarioResult result, LoadOutcome outcome, IReadOnlyCollection<string> messageIds, Ledger ledger)
    {
        var counts = await ledger.MessagesInAsync(messageIds);
        result.Lost = outcome.Acknowledged.Keys.Count(id => counts.GetValueOrDefault(id) == 0);
        result.Doubled = counts.Count(c => c.Value > 1);
        if (result.Lost > 0) result.Failures.Add($"{result.Lost} acknowledged message(s) have no MESSAGE_IN, e.g. {outcome.Acknowledged.Keys.First(id => counts.GetValueOrDefault(id) == 0)}");
        if (result.Doubled > 0) result.Failures.Add($"{result.Doubled} message(s) have more than one MESSAGE_IN");
        if (outcome.Acknowledged.Count != messageIds.Count) result.Failures.Add($"only {outcome.Acknowledged.Count} of {messageIds.Count} messages were acknowledged");
        if (outcome.ClientErrors > 0) result.Failures.Add($"{outcome.ClientErrors} 4xx answers, e.g. {outcome.Problems.FirstOrDefault()}");
        var (stuck, mismatches) = await ledger.DraftIntegrityAsync();
        if (stuck > 0) result.Failures.Add($"{stuck} draft(s) stuck in COMMITTING");
        if (mismatches > 0) result.Failures.Add($"{mismatches} ticket draft(s) whose COMMITTED status and ticket disagree");
    }
}
