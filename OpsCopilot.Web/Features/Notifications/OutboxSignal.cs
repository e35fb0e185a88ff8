using System.Threading.Channels;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// Wakes this host's outbox worker now instead of at its next poll: call <see cref="Nudge"/> after committing
/// notification rows (a broadcast, a reply, a drain). Other hosts find the rows on their own poll.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Nudge() => signal.Writer.TryWrite(true);

    /// <summary>Returns when nudged or after <paramref name="timeout"/>.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await signal.Reader.WaitToReadAsync(linked.Token);
            signal.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
