using System.Diagnostics;

namespace OpsCopilot.Tests.Understanding;

/// <summary>
/// `eval-corpus FILE.jsonl`, run as an operator (and ./test.sh) runs it: the built host in its own process, its own
/// throwaway database in the test cluster.
/// </summary>
public sealed class EvalCorpusVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("eval-corpus-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OpsCopilot.Web.dll"));
        start.ArgumentList.Add("eval-corpus");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var variable in new[] { "ConnectionStrings__Default", "ConnectionStrings__Migrations" })
        {
            start.Environment[variable] = Environment.GetEnvironmentVariable(variable)
                ?? throw new InvalidOperationException($"{variable} is not set: run through ./test.sh.");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private const string Hit = """{"text": "LKW W-1234 hat Bremsenproblem", "intent": "create_ticket", "plate": "W-1234", "title_contains": ["Bremsenproblem"]}""";
    private const string WrongPlate = """{"text": "lkw w 2231 reifen platt", "intent": "create_ticket", "plate": "W-9999"}""";
    private const string Broadcast = """{"text": "Schichterinnerung an alle morgen halb sieben", "intent": "send_broadcast", "template_key": "shift_reminder", "recipients": "ALL", "date": "+1d", "time": "06:30"}""";

    [Fact]
    public async Task A_file_with_a_miss_fails_and_names_the_miss_with_a_confusion_table()
    {
        var file = Write(Hit, WrongPlate, Broadcast, """{"text": "ok", "intent": "confirm"}""");

        var (exitCode, output) = await RunAsync(file, "--at", "2026-01-14T19:45:00+01:00");

        exitCode.ShouldBe(1, output);
        output.ShouldContain("2/4 read as labelled (50.0 %)");
        output.ShouldContain("create_ticket      1/2");
        output.ShouldContain("Confusion (rows: expected intent, columns: intent read):");
        output.ShouldContain("line 2: \"lkw w 2231 reifen platt\"");
        output.ShouldContain("plate W2231, expected W9999");
        output.ShouldContain("line 4: \"ok\"");
        output.ShouldContain("intent unknown, expected confirm");
        output.ShouldContain("eval-corpus: 50.0 % of 4 lines (minimum 100 %): FAIL");
    }

    [Fact]
    public async Task The_minimum_accuracy_is_the_threshold_and_every_instant_counts()
    {
        var file = Write(Hit, WrongPlate);

        var (exitCode, output) = await RunAsync(file, "--min-accuracy", "50", "--at", "2026-01-14T19:45:00+01:00", "--at", "2026-07-12T06:15:00Z");

        exitCode.ShouldBe(0, output);
        output.Split('\n').Count(l => l.StartsWith("eval-corpus: 50.0 % of 2 lines (minimum 50 %): PASS", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task The_reference_set_reads_at_one_hundred_percent()
    {
        var (exitCode, output) = await RunAsync(CorpusFile.Locate(), "--at", "2026-12-24T23:30:00Z");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("(100.0 %)");
        output.ShouldContain("Misses (0):");
    }

    [Theory]
    [InlineData("""{"text": "hallo", "intent": "greeting"}""", "line 2: intent 'greeting' is none of")]
    [InlineData("""{"text": "hallo", "intent": """, "line 2:")]
    [InlineData("""{"text": "x", "intent": "send_broadcast", "time": "6 Uhr"}""", "line 2: time '6 Uhr' is not HH:mm.")]
    public async Task A_line_that_breaks_the_schema_is_a_usage_error_naming_the_line(string line, string complaint)
    {
        var (exitCode, output) = await RunAsync(Write(Hit, line));

        exitCode.ShouldBe(2, output);
        output.ShouldContain(complaint);
    }
}
