using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.Health;

/// <summary>What /readyz found: ready, migrations pending, or the database not answering (in time).</summary>
public sealed record Readiness(string Status, IReadOnlyList<string>? Pending = null)
{
    public const string Ready = "ready";
    public const string MigrationsPending = "migrations_pending";
    public const string DatabaseUnavailable = "database_unavailable";

    public bool IsReady => Status == Ready;
}

/// <summary>
/// The readiness check with a bound: the caller gets an answer within <see cref="ReadinessOptions.ReadinessTimeout"/>,
/// whatever the database does. A check still waiting on a frozen database is not abandoned mid-use (its own scope
/// finishes it, bounded by the connection's timeouts) and is shared by the probes that arrive meanwhile, so a probe
/// every second never piles up connections.
/// </summary>
public sealed class ReadinessProbe(IServiceScopeFactory scopes, IOptionsMonitor<ReadinessOptions> options, ILogger<ReadinessProbe> logger)
{
    private readonly Lock gate = new();
    private Task<Readiness>? inFlight;

    public async Task<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        Task<Readiness> check;
        lock (gate)
        {
            if (inFlight is null || inFlight.IsCompleted) inFlight = Task.Run(RunAsync, CancellationToken.None);
            check = inFlight;
        }
        try
        {
            return await check.WaitAsync(options.CurrentValue.ReadinessTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new Readiness(Readiness.DatabaseUnavailable);
        }
    }

    private async Task<Readiness> RunAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            return pending.Count == 0 ? new Readiness(Readiness.Ready) : new Readiness(Readiness.MigrationsPending, pending);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException || DatabaseFailures.IsUnavailable(ex))
        {
            logger.LogDebug(ex, "Readiness: the database did not answer");
            return new Readiness(Readiness.DatabaseUnavailable);
        }
    }
}
