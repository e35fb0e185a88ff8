using System.Threading.Channels;

namespace OpsCopilot.Web.Features.Operations.Retention;

/// <summary>
/// "Retention runs automatically after webhook requests" (docs/runbooks.md, webhook §3): the webhook calls
/// <see cref="TrafficSeen"/>, which costs nothing; <see cref="RetentionWorker"/> runs the purge at most once per
/// RetentionOptions.AfterTrafficMinInterval.
/// </summary>
public sealed class RetentionTrigger
{
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void TrafficSeen() => signal.Writer.TryWrite(true);

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        await signal.Reader.WaitToReadAsync(cancellationToken);
        signal.Reader.TryRead(out _);
    }
}
