using System.Globalization;
using System.Text;

namespace OpsCopilot.Faults;

/// <summary>One row of the report: what the gateway got acknowledged and what the database holds for it.</summary>
internal sealed class ScenarioResult(string name)
{
    public string Name => name;
    public int Acknowledged { get; set; }
    public int Planned { get; set; }
    public int Lost { get; set; }
    public int Doubled { get; set; }
    public int ServerErrors { get; set; }
    public int Unreachable { get; set; }
    public TimeSpan? Recovery { get; set; }
    public TimeSpan FaultTook { get; set; }
    public TimeSpan Took { get; set; }
    public List<string> Notes { get; } = [];
    public List<string> Failures { get; } = [];
    public bool Passed => Failures.Count == 0;

    public static string Table(IReadOnlyList<ScenarioResult> results, TimeSpan total, string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine("| scenario | acknowledged | lost | doubled | 5xx | unreachable | recovery | fault | took | result |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Acknowledged}/{r.Planned} | {r.Lost} | {r.Doubled} | {r.ServerErrors} | {r.Unreachable} | {GatewayLoad.Seconds(r.Recovery)} | {GatewayLoad.Seconds(r.FaultTook)} | {GatewayLoad.Seconds(r.Took)} | {(r.Passed ? "PASS" : "FAIL")} |"));
        }
        text.AppendLine();
        foreach (var r in results)
        {
            foreach (var note in r.Notes) text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {r.Name}: {note}"));
            foreach (var failure in r.Failures) text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {r.Name}: **FAIL** {failure}"));
        }
        text.AppendLine().AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Passed)} of {results.Count} scenarios passed in {total.TotalMinutes:0.0} min."));
        return text.ToString();
    }
}
