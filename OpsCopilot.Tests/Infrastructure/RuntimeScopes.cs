using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>The runtime data layer exactly as the host registers it (ops_app, interceptor, filters), for one database.</summary>
public sealed class RuntimeScopes : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public RuntimeScopes(TestDatabase database, string? extraConnectionSettings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = database.AppConnectionString + (extraConnectionSettings is null ? "" : ";" + extraConnectionSettings),
            // The workers' login (the owner, switching to ops_worker), as the host falls back to it.
            ["ConnectionStrings:Migrations"] = database.OwnerConnectionString,
        }).Build();
        services = new ServiceCollection().AddLogging().AddOpsData(configuration).BuildServiceProvider();
    }

    /// <summary>A scope working for the tenant (or for none), with its context.</summary>
    public (AsyncServiceScope Scope, OpsDbContext Db) For(int? tenantId)
    {
        var scope = services.CreateAsyncScope();
        if (tenantId is { } id) scope.ServiceProvider.GetRequiredService<TenantContext>().Use(id);
        return (scope, scope.ServiceProvider.GetRequiredService<OpsDbContext>());
    }

    /// <summary>A context as the background workers get it: ops_worker, no tenant. Dispose it.</summary>
    public OpsDbContext Worker() => services.GetRequiredService<WorkerDatabase>().CreateContext();

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
