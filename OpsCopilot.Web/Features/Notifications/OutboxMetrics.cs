using System.Diagnostics.Metrics;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>The outbox's instruments (meter "OpsCopilot.Outbox"); exposed on /metrics and over OTLP.</summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "OpsCopilot.Outbox";

    private static readonly IReadOnlyList<double> LatencyBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    private readonly Histogram<double> sendMs;
    private readonly Counter<long> sent;
    private readonly Counter<long> failed;
    private readonly Counter<long> dead;
    private readonly Counter<long> throttled;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        sendMs = meter.CreateHistogram("notify_send_ms", "ms", "Time one provider send took, by sender and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        sent = meter.CreateCounter<long>("notify_sent", description: "Notifications the provider accepted.");
        failed = meter.CreateCounter<long>("notify_failed", description: "Send attempts that failed (retried, failed or dead), by reason.");
        dead = meter.CreateCounter<long>("notify_dead", description: "Notifications given up after the last attempt.");
        throttled = meter.CreateCounter<long>("notify_throttled", description: "Sends the provider throttled (429/503 Retry-After); not counted as attempts.");
    }

    public void SendTook(string sender, string outcome, TimeSpan elapsed) =>
        sendMs.Record(elapsed.TotalMilliseconds, new("sender", sender), new("outcome", outcome));

    public void Sent(string sender) => sent.Add(1, new KeyValuePair<string, object?>("sender", sender));

    /// <param name="reason">transient, permanent or refused (by the rules, before sending).</param>
    public void Failed(string sender, string reason) => failed.Add(1, new("sender", sender), new("reason", reason));

    public void Dead(string sender) => dead.Add(1, new KeyValuePair<string, object?>("sender", sender));

    public void Throttled(string sender) => throttled.Add(1, new KeyValuePair<string, object?>("sender", sender));
}
