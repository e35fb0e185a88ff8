using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// Spaces sends per sending number to OutboxOptions.RatePerSecond, and holds a number back entirely while the
/// provider has asked us to wait (Retry-After). Per host: with several hosts, give each its share of the rate.
/// </summary>
public sealed class SendPacer(TimeProvider clock, IOptionsMonitor<OutboxOptions> options)
{
    private readonly Dictionary<string, DateTimeOffset> nextSlot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> throttledUntil = new(StringComparer.Ordinal);

    /// <summary>Waits for the sender's next slot and takes it.</summary>
    public async Task WaitAsync(string senderKey, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (nextSlot)
        {
            var now = clock.GetUtcNow();
            var spacing = TimeSpan.FromSeconds(1 / options.CurrentValue.RatePerSecond);
            var slot = nextSlot.TryGetValue(senderKey, out var next) && next > now ? next : now;
            nextSlot[senderKey] = slot + spacing;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
    }

    /// <summary>The provider said "not before <paramref name="until"/>" for this number.</summary>
    public void Throttle(string senderKey, DateTimeOffset until)
    {
        lock (nextSlot)
        {
            if (!throttledUntil.TryGetValue(senderKey, out var current) || current < until) throttledUntil[senderKey] = until;
            if (!nextSlot.TryGetValue(senderKey, out var next) || next < until) nextSlot[senderKey] = until;
        }
    }

    /// <summary>How much longer the number is held back by a provider's Retry-After (zero when it is not).</summary>
    public TimeSpan ThrottledFor(string senderKey)
    {
        lock (nextSlot)
        {
            var remaining = throttledUntil.TryGetValue(senderKey, out var until) ? until - clock.GetUtcNow() : TimeSpan.Zero;
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }
}
