using Microsoft.Extensions.Options;
using OpsCopilot.Web.Features.Operations.Alerts;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// Runs <see cref="OutboxDispatcher"/> rounds: back to back while batches come back full, otherwise until the
/// poll interval passes or this host nudges it. Failing rounds back off, and raise an alert after
/// OutboxOptions.AlertAfterConsecutiveFailures in a row. OpsCopilot:Outbox:Enabled=false turns it off.
/// </summary>
public sealed partial class OutboxWorker(
    IServiceProvider services,
    IHostEnvironment environment,
    IOptionsMonitor<OutboxOptions> options,
    OutboxSignal signal,
    AlertPublisher alerts,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            LogDisabled();
            return;
        }

        if (options.CurrentValue.EffectiveSender(environment) is null)
        {
            LogNoSender();
            alerts.Raise(new Alert(AlertKeys.OutboxNotConfigured,
                "The outbox worker is not running: OpsCopilot:Outbox:Sender is not set (Gateway, CloudApi or Development). Notifications stay queued."));
            return;
        }

        // Resolved only when enabled: a disabled host needs no sender configuration.
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        LogStarted(dispatcher.SenderName);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            try
            {
                var claimed = await dispatcher.DispatchOnceAsync(stoppingToken);
                failures = 0;
                if (claimed < settings.BatchSize) await signal.WaitAsync(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                LogRoundFailed(ex, failures);
                if (failures >= settings.AlertAfterConsecutiveFailures)
                    alerts.Raise(new Alert(AlertKeys.OutboxWorkerFailing, $"The outbox worker failed {failures} rounds in a row: {ex.Message}"));
                var backoff = TimeSpan.FromTicks(Math.Min(settings.PollInterval.Ticks * (1L << Math.Min(failures, 10)), MaxFailureBackoff.Ticks));
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "The outbox worker is disabled (OpsCopilot:Outbox:Enabled=false)")]
    private partial void LogDisabled();

    [LoggerMessage(EventId = 4613, EventName = "OUTBOX_NOT_CONFIGURED", Level = LogLevel.Error,
        Message = "The outbox worker is not running: set OpsCopilot:Outbox:Sender (Gateway, CloudApi or Development) or OpsCopilot:Outbox:Enabled=false")]
    private partial void LogNoSender();

    [LoggerMessage(EventId = 4611, Level = LogLevel.Information, Message = "The outbox worker sends through the {Sender} sender")]
    private partial void LogStarted(string sender);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Error, Message = "Outbox round failed ({Failures} in a row)")]
    private partial void LogRoundFailed(Exception exception, int failures);
}
