using System.Diagnostics.Metrics;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>The webhook's metrics, under the names the runbook alerts on.</summary>
public sealed class WhatsAppMetrics
{
    public const string MeterName = "OpsCopilot.WhatsApp";

    private readonly Histogram<double> requestDuration;
    private readonly Counter<long> processed;
    private readonly Counter<long> failed;
    private readonly Counter<long> invalidSender;

    public WhatsAppMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        requestDuration = meter.CreateHistogram<double>("wa_webhook_request_ms", "ms", "Latency of one webhook request, whatever its outcome");
        processed = meter.CreateCounter<long>("wa_message_processed", "{message}", "Messages handled; tag outcome=processed|duplicate");
        failed = meter.CreateCounter<long>("wa_message_failed", "{message}", "Messages not handled because of a failure; tag reason");
        invalidSender = meter.CreateCounter<long>("wa_message_invalid_sender", "{message}", "Messages dropped because the sender is not a phone number");
    }

    public void RequestCompleted(string channel, string outcome, int statusCode, TimeSpan elapsed) =>
        requestDuration.Record(elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("channel", channel),
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("status_code", statusCode));

    public void MessageProcessed(string channel, bool duplicate) =>
        processed.Add(1,
            new KeyValuePair<string, object?>("channel", channel),
            new KeyValuePair<string, object?>("outcome", duplicate ? "duplicate" : "processed"));

    public void MessageFailed(string channel, string reason) =>
        failed.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));

    public void InvalidSender(string channel) =>
        invalidSender.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
