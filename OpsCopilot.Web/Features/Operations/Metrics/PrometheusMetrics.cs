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
            foreach (var state in instruments.Values) state.ResetObservations();
            listener.RecordObservableInstruments();

            var text = new StringBuilder();
            var families = instruments.Values
                .GroupBy(s => PrometheusText.FamilyName(s.Instrument.Name, s.Type))
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var family in families)
                PrometheusText.WriteFamily(text, family.Key, family.ToList());
            return text.ToString();
        }
    }

    private bool Includes(Meter meter) =>
        meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal)
        && (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory));

    public void Dispose() => listener.Dispose();
}
