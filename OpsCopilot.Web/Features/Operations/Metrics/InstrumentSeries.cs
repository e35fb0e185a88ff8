using System.Diagnostics.Metrics;

namespace OpsCopilot.Web.Features.Operations.Metrics;

internal enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>
/// The aggregated state of one instrument: one series per distinct tag set. Synchronous counters add,
/// observable instruments and gauges keep the last value, histograms count into cumulative buckets.
/// </summary>
internal sealed class InstrumentSeries
{
    /// <summary>OpenTelemetry's default explicit bucket bounds, used when the instrument gives no advice.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Dictionary<string, Series> series = new(StringComparer.Ordinal);
    private readonly bool keepsLastValue;

    public InstrumentSeries(Instrument instrument)
    {
        Instrument = instrument;
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        Type = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? PrometheusType.Counter
            : definition == typeof(Histogram<>) ? PrometheusType.Histogram
            : PrometheusType.Gauge;
        keepsLastValue = instrument.IsObservable || definition == typeof(Gauge<>);
        Bounds = Type == PrometheusType.Histogram ? AdvisedBounds(instrument) ?? DefaultBounds : [];
    }

    public Instrument Instrument { get; }
    public PrometheusType Type { get; }
    public double[] Bounds { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var key = string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value));
        lock (series)
        {
            if (!series.TryGetValue(key, out var entry))
            {
                entry = new Series(labels, Type == PrometheusType.Histogram ? new long[Bounds.Length + 1] : null);
                series[key] = entry;
            }

            if (Type == PrometheusType.Histogram)
            {
                var bucket = Array.FindIndex(Bounds, bound => value <= bound);
                entry.Buckets![bucket < 0 ? Bounds.Length : bucket]++;
                entry.Sum += value;
                entry.Count++;
            }
            else if (keepsLastValue)
            {
                entry.Value = value;
            }
            else
            {
                entry.Value += value;
            }
        }
    }

    /// <summary>Observable instruments report their full state each collection; series not observed again disappear.</summary>
    public void ResetObservations()
    {
        if (!Instrument.IsObservable) return;
        lock (series) series.Clear();
    }

    public IReadOnlyList<SeriesSnapshot> Snapshot()
    {
        lock (series)
            return series.Values.Select(s => new SeriesSnapshot(s.Labels, s.Value, s.Buckets?.ToArray(), s.Sum, s.Count)).ToList();
    }

    private static List<KeyValuePair<string, string>> Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
            labels.Add(new KeyValuePair<string, string>(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return labels;
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };

    private sealed class Series(List<KeyValuePair<string, string>> labels, long[]? buckets)
    {
        public List<KeyValuePair<string, string>> Labels { get; } = labels;
        public long[]? Buckets { get; } = buckets;
        public double Value { get; set; }
        public double Sum { get; set; }
        public long Count { get; set; }
    }
}

internal sealed record SeriesSnapshot(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long[]? Buckets, double Sum, long Count);
