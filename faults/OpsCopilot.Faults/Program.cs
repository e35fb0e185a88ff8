using System.Diagnostics;
using OpsCopilot.Faults;

// ./test.sh --faults: the fault suite (docs/operations.md, "Faults"). Exit codes: 0 every scenario passed, 1 one failed, 2 wrong usage.
FaultOptions options;
try
{
    options = FaultOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + "\n\n" + FaultOptions.Usage);
    return 2;
}

var root = RepositoryRoot();
var clock = Stopwatch.StartNew();
var results = await new FaultSuite(options, root, Console.Out).RunAsync();
var header = $"# Fault suite ({(options.Short ? "short" : "full")}: {options.Messages} gateway messages per scenario at concurrency {options.Concurrency}, " +
             $"fault cluster synchronous_commit = {options.ServerSynchronousCommit}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)";
var table = ScenarioResult.Table(results, clock.Elapsed, header);
Console.WriteLine();
Console.WriteLine(table);
Directory.CreateDirectory(Path.Combine(root, "artifacts"));
await File.WriteAllTextAsync(Path.Combine(root, "artifacts", "faults.md"), table);
return results.Count > 0 && results.All(r => r.Passed) ? 0 : 1;

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsCopilot.sln"))) directory = directory.Parent;
    return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
}
