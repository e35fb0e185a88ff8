using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Operations.Retention;

/// <summary>Runs <see cref="RetentionService"/> shortly after start, then on the interval and after webhook traffic.</summary>
public sealed partial class RetentionWorker(
    IServiceScopeFactory scopes,
    RetentionTrigger trigger,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled) return;
        var nextScheduled = clock.GetUtcNow() + (options.CurrentValue.Interval < FirstRunDelay ? options.CurrentValue.Interval : FirstRunDelay);
        DateTimeOffset? lastRun = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = nextScheduled - clock.GetUtcNow();
            var dueByTraffic = false;
            if (wait > TimeSpan.Zero)
            {
                using var timeout = new CancellationTokenSource(wait, clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                try
                {
                    await trigger.WaitAsync(linked.Token);
                    dueByTraffic = true;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var now = clock.GetUtcNow();
            if (dueByTraffic && lastRun is { } last && now - last < options.CurrentValue.AfterTrafficMinInterval) continue;

            await RunOnceAsync(stoppingToken);
            lastRun = clock.GetUtcNow();
            if (!dueByTraffic) nextScheduled = lastRun.Value + options.CurrentValue.Interval;
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(ex.Message);
        }
    }

    [LoggerMessage(EventId = 4410, Level = LogLevel.Warning, Message = "Retention failed; the next run will try again: {Reason}")]
    private partial void LogFailed(string reason);
}
