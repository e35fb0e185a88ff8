using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>
/// Expires overdue pending drafts tenant by tenant (each in its own RLS scope). Confirm also expires lazily,
/// so this only keeps lists and counts honest; running on several instances is harmless (conditional UPDATEs).
/// </summary>
public sealed class DraftExpiryWorker(IServiceScopeFactory scopes, WorkerDatabase worker, ILogger<DraftExpiryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Draft expiry sweep failed; next try in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<int> tenantIds;
        // The list of tenant ids is the worker role's (a request sees only its own tenant's row).
        await using (var db = worker.CreateContext())
            tenantIds = await db.Tenants.IgnoreQueryFilters().Select(t => t.Id).ToListAsync(cancellationToken);

        foreach (var tenantId in tenantIds)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenantId);
            var expired = await scope.ServiceProvider.GetRequiredService<DraftService>().ExpireDueAsync(cancellationToken);
            if (expired > 0) logger.LogInformation("Expired {Count} drafts of tenant {TenantId}", expired, tenantId);
        }
    }
}
