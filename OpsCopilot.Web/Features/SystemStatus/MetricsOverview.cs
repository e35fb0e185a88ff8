using System.Globalization;
using OpsCopilot.Web.Features.Operations.Metrics;

namespace OpsCopilot.Web.Features.SystemStatus;

/// <summary>One line of the System page's metrics table.</summary>
/// <param name="Title">What an operator calls it ("Messages processed").</param>
/// <param name="Name">The Prometheus series name, as alerts and dashboards use it.</param>
/// <param name="Labels">The tag set ("channel=gateway, outcome=processed"), empty for an untagged series.</param>
public sealed record MetricRow(string Title, string Name, string Labels, string Value, bool IsMain);

/// <summary>
/// The product's instruments as a readable table: the series the runbook watches first (webhook requests,
/// messages processed / failed / invalid sender, outbox depth, drafts, sends), then every other instrument.
/// </summary>
public static class MetricsOverview
{
    private static readonly (string Name, string Title)[] Main =
    [
        ("wa_webhook_request_ms", "Webhook requests"),
        ("wa_message_processed_total", "Messages processed"),
        ("wa_message_failed_total", "Messages failed"),
        ("wa_message_invalid_sender_total", "Messages from invalid senders"),
        ("notify_outbox_depth", "Outbox depth"),
        ("ops_drafts", "Drafts"),
        ("notify_sent_total", "Notifications sent"),
        ("notify_failed_total", "Notification send failures"),
        ("notify_dead_total", "Notifications given up (dead)"),
    ];

    public static IReadOnlyList<MetricRow> From(IReadOnlyList<MetricReading> readings)
    {
        var byName = readings.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var rows = new List<MetricRow>();
        foreach (var (name, title) in Main)
        {
            if (byName.TryGetValue(name, out var reading)) rows.AddRange(Rows(reading, title, isMain: true));
            // Instruments are created with their feature's first use: a counter or histogram not created yet has counted nothing.
            else rows.Add(new MetricRow(title, name, "", IsGauge(name) ? "not measured yet" : "0", IsMain: true));
        }

        var mainNames = Main.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var reading in readings.Where(r => !mainNames.Contains(r.Name)))
            rows.AddRange(Rows(reading, reading.Description ?? reading.Name, isMain: false));
        return rows;
    }

    private static bool IsGauge(string name) => name is "notify_outbox_depth" or "ops_drafts";

    private static IEnumerable<MetricRow> Rows(MetricReading reading, string title, bool isMain)
    {
        if (reading.Series.Count == 0)
        {
            // A counter that has not counted yet is 0; a gauge not observed yet has no value.
            yield return new MetricRow(title, reading.Name, "", reading.Type == "counter" ? "0" : "not measured yet", isMain);
            yield break;
        }

        foreach (var series in reading.Series.OrderBy(s => LabelText(s.Labels), StringComparer.Ordinal))
            yield return new MetricRow(title, reading.Name, LabelText(series.Labels), ValueText(reading, series), isMain);
    }

    private static string LabelText(IReadOnlyList<KeyValuePair<string, string>> labels) =>
        string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"));

    private static string ValueText(MetricReading reading, MetricSeriesReading series)
    {
        if (reading.Type != "histogram") return Number(series.Value);
        var mean = series.Count == 0 ? 0 : series.Sum / series.Count;
        var unit = string.IsNullOrEmpty(reading.Unit) ? "" : " " + reading.Unit;
        return $"{Number(series.Count)} × (mean {mean.ToString("0.#", CultureInfo.InvariantCulture)}{unit})";
    }

    private static string Number(double value) => value.ToString(value % 1 == 0 ? "#,0" : "#,0.###", CultureInfo.InvariantCulture);
}
