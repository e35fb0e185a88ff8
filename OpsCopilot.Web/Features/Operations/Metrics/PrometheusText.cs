using System.Globalization;
using System.Text;

namespace OpsCopilot.Web.Features.Operations.Metrics;

/// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
internal static class PrometheusText
{
    public static string FamilyName(string instrumentName, PrometheusType type)
    {
        var name = SanitizeName(instrumentName);
        return type == PrometheusType.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    public static void WriteFamily(StringBuilder text, string name, IReadOnlyList<InstrumentSeries> instruments)
    {
        var first = instruments[0];
        var help = first.Instrument.Description ?? first.Instrument.Name;
        if (!string.IsNullOrEmpty(first.Instrument.Unit)) help += $" ({first.Instrument.Unit})";
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(first.Type switch
        {
            PrometheusType.Counter => "counter",
            PrometheusType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');

        foreach (var instrument in instruments)
        foreach (var series in instrument.Snapshot())
        {
            if (instrument.Type != PrometheusType.Histogram)
            {
                Sample(text, name, series.Labels, null, series.Value);
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < instrument.Bounds.Length; i++)
            {
                cumulative += series.Buckets![i];
                Sample(text, name + "_bucket", series.Labels, Number(instrument.Bounds[i]), cumulative);
            }
            Sample(text, name + "_bucket", series.Labels, "+Inf", series.Count);
            Sample(text, name + "_sum", series.Labels, null, series.Sum);
            Sample(text, name + "_count", series.Labels, null, series.Count);
        }
    }

    private static void Sample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var separator = "";
            foreach (var (key, labelValue) in labels)
            {
                text.Append(separator).Append(SanitizeLabel(key)).Append("=\"").Append(EscapeLabel(labelValue)).Append('"');
                separator = ",";
            }
            if (le is not null) text.Append(separator).Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    public static string SanitizeName(string name) => Sanitize(name, allowColon: true);

    private static string SanitizeLabel(string name) => Sanitize(name, allowColon: false);

    private static string Sanitize(string name, bool allowColon)
    {
        var result = new StringBuilder(name.Length + 1);
        foreach (var c in name)
            result.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        if (result.Length == 0 || char.IsAsciiDigit(result[0])) result.Insert(0, '_');
        return result.ToString();
    }

    private static string EscapeLabel(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);
}
