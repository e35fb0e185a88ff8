using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace OpsCopilot.Web.Features.Operations.Metrics;

/// <summary>
/// A MeterListener that aggregates every instrument of the "OpsCopilot*" meters — including meters created
/// after start — and renders them in the Prometheus text exposition format (the exporter packages are not
/// available here). Meters made by this host's IMeterFactory, or without a factory, are included; meters
/// of another host's factory in the same process (tests) are not.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    public const string MeterPrefix = "OpsCopilot";
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> instruments = new();
    private readonly IMeterFactory meterFactory;
    private readonly Lock collecting = new();

    public PrometheusMetrics(IMeterFactory meterFactory)
    {
        this.meterFactory = meterFactory;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (!Includes(instrument.Meter)) return;
            var state = instruments.GetOrAdd(instrument, i => new InstrumentSeries(i));
            l.EnableMeasurementEvents(instrument, state);
        };
        listener.MeasurementsCompleted = (instrument, _) => instruments.TryRemove(instrument, out InstrumentSeries? _);
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((InstrumentSeries)state!).Record((double)value, tags));
        listener.Start();
    }

    /// <summary>Collects the observable instruments and renders everything, families sorted by name.</summary>
    public string Render()
    {
        lock (collecting)
        {
            Collect();
            var text = new StringBuilder();
            var families = instruments.Values
                .GroupBy(s => PrometheusText.FamilyName(s.Instrument.Name, s.Type))
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var family in families)
                PrometheusText.WriteFamily(text, family.Key, family.ToList());
            return text.ToString();
        }
    }

    /// <summary>
    /// The same collection as <see cref="Render"/>, as values for the console's System page: one reading per
    /// instrument (also those that have not counted anything yet), families sorted by name.
    /// </summary>
    public IReadOnlyList<MetricReading> Snapshot()
    {
        lock (collecting)
        {
            Collect();
            return instruments.Values
                .Select(state => new MetricReading(
                    PrometheusText.FamilyName(state.Instrument.Name, state.Type),
                    state.Instrument.Meter.Name,
                    state.Type.ToString().ToLowerInvariant(),
                    state.Instrument.Description,
                    state.Instrument.Unit,
                    state.Snapshot().Select(s => new MetricSeriesReading(s.Labels, s.Value, s.Count, s.Sum)).ToList()))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    private void Collect()
    {
        foreach (var state in instruments.Values) state.ResetObservations();
        listener.RecordObservableInstruments();
    }

    private bool Includes(Meter meter) =>
        meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal)
        && (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory));

    public void Dispose() => listener.Dispose();
}

/// <param name="Name">The Prometheus family name (<c>wa_message_processed_total</c>).</param>
/// <param name="Type">counter, gauge or histogram.</param>
public sealed record MetricReading(string Name, string Meter, string Type, string? Description, string? Unit, IReadOnlyList<MetricSeriesReading> Series);

/// <summary>One tag set's value; for a histogram <see cref="Count"/> observations summing to <see cref="Sum"/>.</summary>
public sealed record MetricSeriesReading(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long Count, double Sum);
