using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Features.Shared;

/// <summary>
/// Runs one console operation in a DI scope of its own that works for the circuit's tenant. A circuit lives for
/// hours and its events interleave at every await: one circuit-wide DbContext would hand out stale tracked rows,
/// keep the pending changes of a failed save for the next save, and throw when a grid reload overlaps a button's
/// work. A fresh scope per operation has none of that, and the tenant (hence RLS) is the same as the circuit's.
/// </summary>
public sealed class ConsoleOperations(IServiceScopeFactory scopes, TenantContext circuitTenant)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation) where TService : notnull
    {
        await using var scope = BeginScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> operation) where TService : notnull
    {
        await using var scope = BeginScope();
        await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private AsyncServiceScope BeginScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(circuitTenant.Required);
        return scope;
    }
}
