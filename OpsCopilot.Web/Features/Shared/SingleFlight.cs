using System.Collections.Concurrent;

namespace OpsCopilot.Web.Features.Shared;

/// <summary>
/// Calls for the same key that overlap in time share one execution: the first starts the work, the ones arriving
/// while it runs wait for its result (or its exception), and the next call after it finished starts afresh. Nothing
/// is cached. Only for work whose answer is the same for every caller and whose exactly-once is decided elsewhere
/// (the database): this spares the repeated work, it decides nothing.
/// </summary>
public sealed class SingleFlight<TKey, TResult> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TResult>>> inFlight = new();

    /// <summary>
    /// Runs <paramref name="work"/>, or joins the run already in flight for <paramref name="key"/>. The work must not
    /// depend on the caller's scope or cancellation (a caller that gives up leaves it running for the others); each
    /// caller's <paramref name="cancellationToken"/> only ends its own wait.
    /// </summary>
    /// <returns>The result, and whether this call started the work (false: it shared another call's).</returns>
    public async Task<(TResult Result, bool Started)> RunAsync(TKey key, Func<Task<TResult>> work, CancellationToken cancellationToken)
    {
        Lazy<Task<TResult>>? mine = null;
        mine = new Lazy<Task<TResult>>(() => StartAsync(key, mine!, work), LazyThreadSafetyMode.ExecutionAndPublication);
        var shared = inFlight.GetOrAdd(key, mine);
        var result = await shared.Value.WaitAsync(cancellationToken);
        return (result, ReferenceEquals(shared, mine));
    }

    private async Task<TResult> StartAsync(TKey key, Lazy<Task<TResult>> flight, Func<Task<TResult>> work)
    {
        try
        {
            // Off the caller's synchronous path: whoever created the entry returns to its own wait at once.
            return await Task.Run(work);
        }
        finally
        {
            // This run's entry only: a later run for the same key may already hold the slot.
            inFlight.TryRemove(KeyValuePair.Create(key, flight));
        }
    }
}
