using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data;

public static class OpsDataServiceCollectionExtensions
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// The runtime data layer: contexts switch to the least-privilege role, the scope's tenant and durable commits on
    /// every connection open, and every wait on the database is bounded (<see cref="DatabaseOptions"/>). Use
    /// <paramref name="asOwner"/> only for the CLI's admin verbs (durable commits, the owner connection's own timeouts).
    /// </summary>
    public static IServiceCollection AddOpsData(this IServiceCollection services, IConfiguration configuration, bool asOwner = false)
    {
        var (runtime, migrations) = PostgresConnectionStrings.Read(configuration);
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                o.ConnectionString = runtime ?? "";
                o.MigrationsConnectionString = migrations;
                o.RuntimeRole = configuration["Database:RuntimeRole"] is { Length: > 0 } role ? role : o.RuntimeRole;
                o.WorkerConnectionString = configuration.GetConnectionString("Worker") is { Length: > 0 } worker ? worker : null;
                o.WorkerRole = configuration["Database:WorkerRole"] is { Length: > 0 } workerRole ? workerRole : o.WorkerRole;
            })
            .Bind(configuration.GetSection("Database"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<TenantContext>();
        services.AddDbContextFactory<OpsDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (asOwner)
            {
                Configure(options, db.OwnerConnectionString).AddInterceptors(new DurableCommitInterceptor());
                return;
            }
            // The request path: every wait bounded, every connection the runtime role, the scope's tenant, durable commits.
            Configure(options, db.BoundedConnectionString)
                .AddInterceptors(new TenantConnectionInterceptor(sp.GetRequiredService<TenantContext>(), db.RuntimeRole));
        }, ServiceLifetime.Scoped);
        services.AddSingleton<WorkerDatabase>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, "ops"))
            // Migrations are SQL-first with no model snapshot; ModelMatchesSchemaTests prove model and schema agree.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>A context on the owner connection with no tenant: for migrations and the integrity check.</summary>
    public static OpsDbContext CreateOwnerContext(string ownerConnectionString)
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        Configure(options, ownerConnectionString).AddInterceptors(new DurableCommitInterceptor());
        return new OpsDbContext(options.Options, new TenantContext());
    }
}
