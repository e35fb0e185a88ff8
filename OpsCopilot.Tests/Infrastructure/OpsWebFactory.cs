using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>The real host (real middleware, real auth, real PostgreSQL) on its own migrated database.</summary>
public sealed class OpsWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string WebhookSecret = "test-webhook-secret";
    private TestDatabase? database;
    private ServiceProvider? ownerServices;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Every log line the host wrote (e.g. to prove phone numbers and codes are masked).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Extra service registrations applied after the host's own (fakes, log capture).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", Database.OwnerConnectionString);
        builder.UseSetting("OpsCopilot:Webhook:Secret", WebhookSecret);
        // Background sending and purging only where a test asks for it (Settings override these).
        builder.UseSetting("OpsCopilot:Outbox:Enabled", "false");
        builder.UseSetting("OpsCopilot:Retention:Enabled", "false");
        // The production bounds (5 s) are proven by FrozenDatabaseTests with their own values; elsewhere hundreds of
        // parallel requests on a loaded machine must be decided by the code under test, never by the clock.
        builder.UseSetting("Database:CommandTimeoutSeconds", "60");
        builder.UseSetting("Database:ConnectTimeoutSeconds", "60");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Creates a tenant with a user of the given role through the same code the CLI uses.</summary>
    public async Task<(Tenant Tenant, AppUser User, string Password)> CreateTenantWithUserAsync(string role, string? tenantName = null)
    {
        using var scope = OwnerScope();
        var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
        var tenant = await admin.CreateTenantAsync(tenantName ?? "Tenant " + Guid.NewGuid().ToString("N")[..8], Tenant.DefaultTimeZone, CancellationToken.None);
        var (user, password) = await AddUserAsync(tenant.Id, role);
        return (tenant, user, password);
    }

    public async Task<(AppUser User, string Password)> AddUserAsync(int tenantId, string role)
    {
        using var scope = OwnerScope();
        var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var user = await admin.UpsertUserAsync(tenantId, $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test", password, role);
        return (user, password);
    }

    /// <summary>An HttpClient that keeps cookies, signed in as the given user.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A runtime scope of the host (ops_app, RLS), working for the tenant or for none.</summary>
    public AsyncServiceScope RuntimeScope(int? tenantId)
    {
        var scope = Services.CreateAsyncScope();
        if (tenantId is { } id) scope.ServiceProvider.GetRequiredService<OpsCopilot.Data.Tenancy.TenantContext>().Use(id);
        return scope;
    }

    /// <summary>A tenant with the corpus reference world (drivers, subscriptions, templates) and an admin.</summary>
    public async Task<(Tenant Tenant, AppUser Admin, HttpClient Client)> CreateSeededTenantAsync()
    {
        var (tenant, admin, password) = await CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using (var owner = Database.CreateOwnerContext())
        {
            owner.Tenant.Use(tenant.Id);
            await OpsCopilot.Data.Demo.ReferenceWorld.SeedAsync(owner, tenant.Id, CancellationToken.None);
        }
        return (tenant, admin, await SignedInClientAsync(admin.Email!, password));
    }

    private IServiceScope OwnerScope()
    {
        var services = new ServiceCollection();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = Database.AppConnectionString,
                ["ConnectionStrings:Migrations"] = Database.OwnerConnectionString,
            }).Build();
        services.AddLogging();
        services.AddOpsAdministration(configuration);
        ownerServices ??= services.BuildServiceProvider();
        return ownerServices.CreateScope();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownerServices is not null) await ownerServices.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
