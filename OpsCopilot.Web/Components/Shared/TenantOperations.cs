using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>
/// Runs one piece of console work in a DI scope of its own, for the circuit's tenant. A circuit lives for hours
/// and its clicks, timers and change-feed reloads overlap, but a DbContext serves one operation at a time — so
/// pages never use the circuit's own context, and every operation sees fresh data.
/// </summary>
public sealed class TenantOperations(IServiceScopeFactory scopes, TenantContext circuitTenant)
{
    public int TenantId => circuitTenant.Required;

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(TenantId);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task RunAsync<TService>(Func<TService, Task> work) where TService : notnull =>
        RunAsync<TService, bool>(async service =>
        {
            await work(service);
            return true;
        });
}
