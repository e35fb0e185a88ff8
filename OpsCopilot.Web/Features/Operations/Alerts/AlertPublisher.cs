using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Operations.Alerts;

/// <summary>
/// Raising an alert never blocks and never throws: it is rate-limited per key, logged, and queued on a
/// bounded channel that <see cref="AlertDispatcher"/> posts from in the background.
/// </summary>
public sealed partial class AlertPublisher
{
    private readonly TimeProvider clock;
    private readonly IOptionsMonitor<AlertOptions> options;
    private readonly ILogger<AlertPublisher> logger;
    private readonly Channel<RaisedAlert> queue;
    private readonly Dictionary<string, DateTimeOffset> lastRaised = new(StringComparer.Ordinal);

    public AlertPublisher(TimeProvider clock, IOptionsMonitor<AlertOptions> options, ILogger<AlertPublisher> logger)
    {
        this.clock = clock;
        this.options = options;
        this.logger = logger;
        queue = Channel.CreateBounded<RaisedAlert>(new BoundedChannelOptions(options.CurrentValue.QueueCapacity)
        {
            // TryWrite never waits; with Wait it reports a full queue (the Drop modes report success).
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    internal ChannelReader<RaisedAlert> Pending => queue.Reader;

    /// <returns>True when the alert was queued for posting; false when rate-limited or the queue is full.</returns>
    public bool Raise(Alert alert)
    {
        var now = clock.GetUtcNow();
        lock (lastRaised)
        {
            if (lastRaised.TryGetValue(alert.Key, out var last) && now - last < options.CurrentValue.MinInterval)
            {
                LogSuppressed(alert.Key, alert.Summary);
                return false;
            }
            lastRaised[alert.Key] = now;
        }

        LogRaised(alert.Key, alert.Summary);
        if (queue.Writer.TryWrite(new RaisedAlert(alert, now))) return true;
        LogDropped(alert.Key);
        return false;
    }

    [LoggerMessage(EventId = 4100, EventName = "ALERT", Level = LogLevel.Error, Message = "ALERT {AlertKey}: {Summary}")]
    private partial void LogRaised(string alertKey, string summary);

    [LoggerMessage(EventId = 4101, EventName = "ALERT_SUPPRESSED", Level = LogLevel.Warning, Message = "ALERT {AlertKey} suppressed (rate limit): {Summary}")]
    private partial void LogSuppressed(string alertKey, string summary);

    [LoggerMessage(EventId = 4102, EventName = "ALERT_DROPPED", Level = LogLevel.Error, Message = "ALERT {AlertKey} dropped: the alert queue is full")]
    private partial void LogDropped(string alertKey);
}

internal sealed record RaisedAlert(Alert Alert, DateTimeOffset RaisedAt);
