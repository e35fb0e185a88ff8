namespace OpsCopilot.Tests.Outbox;

/// <summary>Bounded polling with a generous limit: tests wait for outcomes, never for a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? limit = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what ?? "Condition"} not met in time; last value: {value}");
            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan? limit = null, string? what = null) =>
        ReturnsAsync(probe, ok => ok, limit, what);
}
