using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Drivers;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Security;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Data;

/// <summary>
/// The one EF Core context: Identity in schema auth, the product in schema ops. Row-level security in
/// PostgreSQL isolates tenants; the global query filters below are the second layer.
/// </summary>
public sealed class OpsDbContext(DbContextOptions<OpsDbContext> options, TenantContext tenant)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public TenantContext Tenant { get; } = tenant;

    /// <summary>
    /// Sets the scope's tenant and, if this context already holds an open connection (a transaction that began
    /// before the tenant was known, e.g. a pairing claim), applies it to that connection at once.
    /// </summary>
    public async Task UseTenantAsync(int tenantId, CancellationToken cancellationToken)
    {
        Tenant.Use(tenantId);
        if (Database.GetDbConnection().State == System.Data.ConnectionState.Open)
            await Database.ExecuteSqlRawAsync("SELECT set_config('app.tenant_id', {0}, false)",
                [tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
    }

    /// <summary>Read by the query filters at query time, so one compiled model serves every tenant.</summary>
    private int? CurrentTenantId => Tenant.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Permission> Permissions => Set<Permission>();
    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();
    public DbSet<PairingInvite> PairingInvites => Set<PairingInvite>();
    public DbSet<WhatsAppIdentity> Identities => Set<WhatsAppIdentity>();
    public DbSet<ConversationThread> Threads => Set<ConversationThread>();
    public DbSet<TenantThreadCount> ThreadCounts => Set<TenantThreadCount>();
    public DbSet<OpsEvent> Events => Set<OpsEvent>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Driver> Drivers => Set<Driver>();
    public DbSet<BroadcastTemplate> BroadcastTemplates => Set<BroadcastTemplate>();
    public DbSet<BroadcastSubscription> BroadcastSubscriptions => Set<BroadcastSubscription>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<IngestDedup> IngestDedup => Set<IngestDedup>();
    public DbSet<WebhookLog> WebhookLogs => Set<WebhookLog>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OpsDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            typeof(OpsDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
        // Tenant ids of rows written before a tenant is known stay null; the policies hide them.
        builder.Entity<IngestDedup>().HasQueryFilter(d => d.TenantId == CurrentTenantId);
        builder.Entity<WebhookLog>().HasQueryFilter(l => l.TenantId == CurrentTenantId);
        // An email is unique per tenant only: a context that works for a tenant (also the owner's, in the CLI) sees
        // that tenant's users, so Identity's lookups by email or name find the one account. Without a tenant, the
        // owner sees every user and the runtime none (row-level security).
        builder.Entity<AppUser>().HasQueryFilter(u => CurrentTenantId == null || u.TenantId == CurrentTenantId);

        SnakeCaseNaming.Apply(builder);
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder) where TEntity : class, ITenantOwned =>
        builder.Entity<TEntity>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
}
