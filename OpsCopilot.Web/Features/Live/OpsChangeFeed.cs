namespace OpsCopilot.Web.Features.Live;

/// <summary>
/// This process's view of the database change feed. <see cref="ChangeFeedListener"/> publishes what PostgreSQL
/// announces (from any host instance); pages subscribe for their tenant and reload.
/// </summary>
public sealed class OpsChangeFeed(ILogger<OpsChangeFeed> logger)
{
    private static readonly TimeSpan DefaultCoalescing = TimeSpan.FromMilliseconds(200);

    private volatile bool connected;

    /// <summary>Raised on the listener's thread: handlers must return quickly and never block.</summary>
    public event Action<OpsChange>? Changed;

    /// <summary>Whether the listener is connected right now (changes arrive live).</summary>
    public bool IsConnected => connected;

    /// <summary>Raised when the listener connects or loses its connection.</summary>
    public event Action<bool>? ConnectionChanged;

    internal void SetConnected(bool value)
    {
        if (connected == value) return;
        connected = value;
        try
        {
            ConnectionChanged?.Invoke(value);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A change feed connection subscriber failed");
        }
    }

    public void Publish(OpsChange change)
    {
        if (Changed is not { } handlers) return;
        // One faulty subscriber must not keep the others from hearing about the change.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<OpsChange>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A change feed subscriber failed on {Entity} {Id}", change.Entity, change.Id);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="reload"/> after changes of the tenant that <paramref name="matches"/> accepts (and
    /// after every resync). A burst (a broadcast's notifications) coalesces into one reload; a change arriving
    /// during a reload schedules another. Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(int tenantId, Func<OpsChange, bool> matches, Func<Task> reload, TimeSpan? coalesce = null) =>
        new Subscription(this, tenantId, matches, reload, coalesce ?? DefaultCoalescing, logger);

    private sealed class Subscription : IDisposable
    {
        private readonly OpsChangeFeed feed;
        private readonly int tenantId;
        private readonly Func<OpsChange, bool> matches;
        private readonly Func<Task> reload;
        private readonly TimeSpan coalesce;
        private readonly ILogger logger;
        private int scheduled;
        private volatile bool disposed;

        public Subscription(OpsChangeFeed feed, int tenantId, Func<OpsChange, bool> matches, Func<Task> reload, TimeSpan coalesce, ILogger logger)
        {
            this.feed = feed;
            this.tenantId = tenantId;
            this.matches = matches;
            this.reload = reload;
            this.coalesce = coalesce;
            this.logger = logger;
            feed.Changed += OnChanged;
        }

        private void OnChanged(OpsChange change)
        {
            if (disposed || !change.AppliesTo(tenantId) || !(change.IsResync || matches(change))) return;
            if (Interlocked.Exchange(ref scheduled, 1) == 1) return;
            _ = ReloadSoonAsync();
        }

        private async Task ReloadSoonAsync()
        {
            try
            {
                await Task.Delay(coalesce);
                Interlocked.Exchange(ref scheduled, 0);
                if (!disposed) await reload();
            }
            catch (ObjectDisposedException)
            {
                // The circuit went away between the change and the reload.
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Live reload after a change failed");
            }
        }

        public void Dispose()
        {
            disposed = true;
            feed.Changed -= OnChanged;
        }
    }
}
