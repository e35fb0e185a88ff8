using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OpsCopilot.Data.Tenancy;

/// <summary>
/// Contexts for the background workers' few cross-tenant steps (claiming the outbox, retention, the gauges' counts,
/// the list of tenant ids), working as ops_worker with no tenant. The runtime login is not a member of that role, so
/// no web request can reach these functions; a worker hands every per-tenant step to a normal tenant scope.
/// </summary>
public sealed class WorkerDatabase(IOptions<DatabaseOptions> options)
{
    /// <summary>Key of the scoped worker context in DI (disposed with its scope).</summary>
    public const string ServiceKey = "ops_worker";

    private readonly Lazy<DbContextOptions<OpsDbContext>> contextOptions = new(() =>
    {
        var db = options.Value;
        var builder = new DbContextOptionsBuilder<OpsDbContext>();
        OpsDataServiceCollectionExtensions.Configure(builder, db.WorkerLoginConnectionString);
        // No tenant, ever: the interceptor sets the role and an empty tenant on every open.
        builder.AddInterceptors(new TenantConnectionInterceptor(new TenantContext(), db.WorkerRole));
        return builder.Options;
    });

    /// <summary>A new context on the worker login as ops_worker; dispose it after the step.</summary>
    public OpsDbContext CreateContext() => new(contextOptions.Value, new TenantContext());
}
