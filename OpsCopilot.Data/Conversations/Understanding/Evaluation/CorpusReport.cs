using System.Globalization;
using System.Text;

namespace OpsCopilot.Data.Conversations.Understanding.Evaluation;

/// <summary>Accuracy per intent, the intent confusion table and every miss, as plain text.</summary>
public static class CorpusReport
{
    public static double Accuracy(IReadOnlyList<CorpusOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes.Count == 0 ? 0 : 100.0 * outcomes.Count(o => o.IsHit) / outcomes.Count;
    }

    public static string Format(string title, IReadOnlyList<CorpusOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = new StringBuilder();
        var hits = outcomes.Count(o => o.IsHit);
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {hits}/{outcomes.Count} read as labelled ({Accuracy(outcomes):0.0} %)");
        text.AppendLine();
        text.AppendLine("Accuracy per intent:");
        foreach (var group in outcomes.GroupBy(o => o.Line.Intent).OrderBy(g => CorpusLine.Intents.ToList().IndexOf(g.Key)))
        {
            var groupHits = group.Count(o => o.IsHit);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {group.Key,-15} {groupHits,4}/{group.Count(),-4} {100.0 * groupHits / group.Count(),6:0.0} %");
        }

        text.AppendLine();
        text.AppendLine("Confusion (rows: expected intent, columns: intent read):");
        var labels = CorpusLine.Intents.Where(i => outcomes.Any(o => o.Line.Intent == i || o.ReadIntent == i)).ToList();
        var width = Math.Max(6, labels.Max(l => l.Length) + 1);
        text.Append(' ', 2 + width);
        foreach (var column in labels) text.Append(Abbreviate(column).PadLeft(8));
        text.AppendLine();
        foreach (var row in labels.Where(l => outcomes.Any(o => o.Line.Intent == l)))
        {
            text.Append("  ").Append(row.PadRight(width));
            foreach (var column in labels)
            {
                var count = outcomes.Count(o => o.Line.Intent == row && o.ReadIntent == column);
                text.Append((count == 0 ? "." : count.ToString(CultureInfo.InvariantCulture)).PadLeft(8));
            }

            text.AppendLine();
        }

        var misses = outcomes.Where(o => !o.IsHit).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Misses ({misses.Count}):");
        foreach (var miss in misses)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  line {miss.Line.LineNumber}: \"{miss.Line.Text}\"");
            text.AppendLine(CultureInfo.InvariantCulture, $"    read: {miss.Reading}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {string.Join("; ", miss.Differences)}");
        }

        return text.ToString();
    }

    private static string Abbreviate(string intent) => intent switch
    {
        "create_ticket" => "ticket",
        "send_broadcast" => "bcast",
        "ticket_status" => "status",
        _ => intent,
    };
}
