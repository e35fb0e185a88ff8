using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Web.Features.Operations.Alerts;

namespace OpsCopilot.Web.Features.Operations;

/// <summary>The latest integrity check, for the gauges and the System page.</summary>
public sealed class IntegrityStatus
{
    private volatile Snapshot? latest;

    public sealed record Snapshot(DateTimeOffset CheckedAt, IReadOnlyList<IntegrityRow> Rows)
    {
        public int FailedChecks => Rows.Count(r => !r.Passed);
    }

    public Snapshot? Latest => latest;

    internal void Record(Snapshot snapshot) => latest = snapshot;
}

/// <summary>
/// Runs the runbook's integrity check at start and periodically: a FAIL (RLS switched off, the runtime role
/// grown privileges, …) is a security incident and raises an alert rather than waiting for someone to look.
/// </summary>
public sealed partial class IntegrityMonitor(
    IServiceScopeFactory scopes,
    IntegrityStatus status,
    AlertPublisher alerts,
    IOptionsMonitor<MonitoringOptions> options,
    TimeProvider clock,
    ILogger<IntegrityMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync(stoppingToken);
            try
            {
                await Task.Delay(options.CurrentValue.IntegrityCheckInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<IntegrityStatus.Snapshot?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var rows = await IntegrityCheck.RunAsync(scope.ServiceProvider.GetRequiredService<OpsDbContext>(), cancellationToken);
            var snapshot = new IntegrityStatus.Snapshot(clock.GetUtcNow(), rows);
            status.Record(snapshot);
            var failed = rows.Where(r => !r.Passed).ToList();
            if (failed.Count > 0)
            {
                var summary = string.Join("; ", failed.Select(r => $"{r.CheckName}: {r.Detail}"));
                LogFailed(failed.Count, summary);
                alerts.Raise(new Alert(AlertKeys.IntegrityFail, $"Integrity check FAIL ({failed.Count} of {rows.Count}): {summary}",
                    failed.ToDictionary(r => r.CheckName, r => (object?)r.Detail)));
            }
            return snapshot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 4200, EventName = "INTEGRITY_FAIL", Level = LogLevel.Error, Message = "INTEGRITY_FAIL {FailedChecks} check(s): {Summary}")]
    private partial void LogFailed(int failedChecks, string summary);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "The integrity check could not run: {Reason}")]
    private partial void LogUnavailable(string reason);
}
