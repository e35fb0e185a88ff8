namespace OpsCopilot.Web.Components.Shared;

/// <summary>
/// Calls a page's refresh every interval until disposed (countdowns, counts that change with time). A failed
/// refresh is logged and the next one tries again; a circuit that went away ends the loop.
/// </summary>
public sealed class PeriodicRefresh : IDisposable
{
    private readonly PeriodicTimer timer;
    private readonly Func<Task> refresh;
    private readonly ILogger logger;

    private PeriodicRefresh(TimeSpan interval, Func<Task> refresh, ILogger logger)
    {
        timer = new PeriodicTimer(interval);
        this.refresh = refresh;
        this.logger = logger;
    }

    public static PeriodicRefresh Start(TimeSpan interval, Func<Task> refresh, ILogger logger)
    {
        var periodic = new PeriodicRefresh(interval, refresh, logger);
        _ = periodic.RunAsync();
        return periodic;
    }

    private async Task RunAsync()
    {
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await refresh();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Periodic refresh failed");
            }
        }
    }

    public void Dispose() => timer.Dispose();
}
