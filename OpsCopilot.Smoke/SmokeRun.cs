using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OpsCopilot.Smoke;

/// <summary>One step's outcome: PASS, FAIL (with expected and got) or SKIP (an earlier step failed).</summary>
public sealed record StepResult(string Id, string Name, string Outcome, TimeSpan Took, string? Expected = null, string? Got = null);

/// <summary>
/// Runs the steps in order, prints one line each and the verdict, writes report.md beside the screenshots. After a
/// failure the remaining steps are skipped (they build on it), but the cleanup always runs.
/// </summary>
public sealed class SmokeRun(SmokeOptions options, TextWriter output)
{
    private readonly List<StepResult> results = [];
    private readonly List<string> screenshots = [];
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    public string ReportDirectory { get; } = Path.GetFullPath(options.ReportDirectory);
    public bool Failed { get; private set; }
    public string? TenantDescription { get; set; }

    public static async Task<int> ExecuteAsync(SmokeOptions options, TextWriter output)
    {
        var run = new SmokeRun(options, output);
        Directory.CreateDirectory(run.ReportDirectory);
        output.WriteLine($"Ops Copilot smoke test (pilot runbook §3) against {options.Url}");
        await using (var steps = new SmokeSteps(options, run))
            await steps.RunAsync();
        return run.Finish();
    }

    public Task StepAsync(string id, string name, Func<Task> body) => RunStepAsync(id, name, body, evenAfterFailure: false);

    /// <summary>A step that runs even after a failure (the cleanup).</summary>
    public Task AlwaysAsync(string id, string name, Func<Task> body) => RunStepAsync(id, name, body, evenAfterFailure: true);

    public string ScreenshotPath(string name)
    {
        screenshots.Add(name + ".png");
        return Path.Combine(ReportDirectory, name + ".png");
    }

    private async Task RunStepAsync(string id, string name, Func<Task> body, bool evenAfterFailure)
    {
        if (Failed && !evenAfterFailure)
        {
            Record(new StepResult(id, name, "SKIP", TimeSpan.Zero));
            return;
        }
        var clock = Stopwatch.StartNew();
        try
        {
            await body();
            Record(new StepResult(id, name, "PASS", clock.Elapsed));
        }
        catch (SmokeFailure failure)
        {
            Failed = true;
            Record(new StepResult(id, name, "FAIL", clock.Elapsed, failure.Expected, failure.Got));
        }
        catch (Exception ex)
        {
            // A timeout in the browser, a refused connection: what happened is the "got".
            Failed = true;
            Record(new StepResult(id, name, "FAIL", clock.Elapsed, "the step to complete", $"{ex.GetType().Name}: {FirstLine(ex.Message)}"));
        }
    }

    private void Record(StepResult result)
    {
        results.Add(result);
        var line = new StringBuilder($"{result.Outcome,-4}  {result.Id,-7} {result.Name}");
        if (result.Outcome != "SKIP") line.Append(CultureInfo.InvariantCulture, $"  ({result.Took.TotalSeconds:0.0} s)");
        if (result.Outcome == "FAIL") line.Append(CultureInfo.InvariantCulture, $"  expected: {result.Expected}  got: {result.Got}");
        output.WriteLine(line.ToString());
    }

    private int Finish()
    {
        var failed = results.Where(r => r.Outcome == "FAIL").ToList();
        var verdict = failed.Count == 0
            ? $"VERDICT: PASS — all {results.Count} steps passed"
            : $"VERDICT: FAIL — {string.Join("; ", failed.Select(f => $"{f.Id} {f.Name}"))}";
        output.WriteLine(verdict);
        File.WriteAllText(Path.Combine(ReportDirectory, "report.md"), Markdown(verdict));
        output.WriteLine($"Report: {Path.Combine(ReportDirectory, "report.md")}");
        return failed.Count == 0 ? 0 : 1;
    }

    private string Markdown(string verdict)
    {
        var md = new StringBuilder();
        md.AppendLine("# Ops Copilot smoke test (pilot runbook §3)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Instance: {options.Url}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Admin: {options.AdminEmail}{(TenantDescription is null ? "" : $" ({TenantDescription})")}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Started: {started:yyyy-MM-dd HH:mm:ss} UTC, took {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Runbook SQL: {(options.DatabaseUrl is null ? "not run (no --database-url)" : "run, read-only")}");
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{verdict}**").AppendLine();
        md.AppendLine("| result | step | name | seconds | expected | got |").AppendLine("|---|---|---|---|---|---|");
        foreach (var r in results)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Outcome} | {r.Id} | {Cell(r.Name)} | {(r.Outcome == "SKIP" ? "" : r.Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))} | {Cell(r.Expected)} | {Cell(r.Got)} |");
        if (screenshots.Count > 0)
        {
            md.AppendLine().AppendLine("## Screenshots").AppendLine();
            foreach (var shot in screenshots.Where(s => File.Exists(Path.Combine(ReportDirectory, s))))
                md.AppendLine(CultureInfo.InvariantCulture, $"![{shot}]({shot})").AppendLine();
        }
        return md.ToString();
    }

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
