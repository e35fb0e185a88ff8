using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Demo;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Web.Cli;

/// <summary>
/// Tenant 1 with the corpus reference world, a TenantAdmin and a Dispatcher. Passwords come from
/// OPS_DEMO_ADMIN_PASSWORD / OPS_DEMO_DISPATCHER_PASSWORD, else are generated and printed once.
/// </summary>
public static class SeedDemoVerb
{
    public const string AdminEmail = "admin@demo.local";
    public const string DispatcherEmail = "dispatcher@demo.local";

    public static async Task<int> RunAsync(CliContext context)
    {
        var db = context.Services.GetRequiredService<OpsDbContext>();
        var admin = context.Services.GetRequiredService<TenantAdministration>();

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == 1)
            ?? await admin.CreateTenantAsync("Demo Logistik", Tenant.DefaultTimeZone, CancellationToken.None);
        if (tenant.Id != 1) throw new InvalidOperationException("seed-demo expects an empty tenants table or tenant 1.");
        db.Tenant.Use(tenant.Id);

        await ReferenceWorld.SeedAsync(db, tenant.Id, CancellationToken.None);
        var adminPassword = await EnsureUserAsync(context, admin, tenant.Id, AdminEmail, "OPS_DEMO_ADMIN_PASSWORD", AppRole.TenantAdmin, "Demo Admin");
        var dispatcherPassword = await EnsureUserAsync(context, admin, tenant.Id, DispatcherEmail, "OPS_DEMO_DISPATCHER_PASSWORD", AppRole.Dispatcher, "Demo Dispatcher");

        Console.WriteLine($"Demo tenant {tenant.Id} '{tenant.Name}': {ReferenceWorld.Drivers.Count} drivers, 3 templates.");
        Console.WriteLine($"  {AdminEmail} / {adminPassword ?? "(unchanged)"}");
        Console.WriteLine($"  {DispatcherEmail} / {dispatcherPassword ?? "(unchanged)"}");
        return 0;
    }

    private static async Task<string?> EnsureUserAsync(CliContext context, TenantAdministration admin, int tenantId,
        string email, string passwordVariable, string role, string displayName)
    {
        var password = context.Configuration[passwordVariable];
        var users = context.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        if (string.IsNullOrEmpty(password))
        {
            if (await users.FindByEmailAsync(email) is not null) return null;
            // 16 random base64 characters: long and on no common-password list (ASVS 5.0 §6.2).
            password = "Demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
        }
        await admin.UpsertUserAsync(tenantId, email, password, role, displayName);
        return password;
    }
}
