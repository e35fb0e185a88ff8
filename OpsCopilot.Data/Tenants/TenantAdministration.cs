using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Data.Tenants;

/// <summary>Creating tenants and users: the CLI's verbs and the tests share these.</summary>
public sealed class TenantAdministration(OpsDbContext db, UserManager<AppUser> users)
{
    public async Task<Tenant> CreateTenantAsync(string name, string timezone, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw new ArgumentException("The tenant name must be 1 to 200 characters.", nameof(name));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _))
            throw new ArgumentException($"Unknown time zone '{timezone}' (use an IANA name such as Europe/Vienna).", nameof(timezone));
        var lowered = name.ToLowerInvariant();
        if (await db.Tenants.AnyAsync(t => t.Name.ToLower() == lowered, cancellationToken))
            throw new InvalidOperationException($"A tenant named '{name}' already exists.");

        var tenant = new Tenant { Name = name, Timezone = timezone };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    public async Task<Tenant?> FindTenantAsync(string idOrName, CancellationToken cancellationToken)
    {
        if (int.TryParse(idOrName, out var id)) return await db.Tenants.FindAsync([id], cancellationToken);
        var lowered = idOrName.Trim().ToLowerInvariant();
        return await db.Tenants.FirstOrDefaultAsync(t => t.Name.ToLower() == lowered, cancellationToken);
    }

    /// <summary>Creates the user, or resets the password and role of an existing user of the same tenant.</summary>
    public async Task<AppUser> UpsertUserAsync(int tenantId, string email, string password, string role, string? displayName = null)
    {
        if (!AppRole.All.Contains(role)) throw new ArgumentException($"Unknown role '{role}' (use {string.Join(" or ", AppRole.All)}).", nameof(role));
        // Identity's lookups see this tenant's users only (query filter, and row-level security at run time): the same
        // email may belong to an account of another tenant, which stays out of sight.
        if (db.Tenant.TenantId != tenantId) db.Tenant.Use(tenantId);
        var user = await users.FindByEmailAsync(email);

        if (user is null)
        {
            user = new AppUser { Id = Guid.CreateVersion7(), TenantId = tenantId, UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, password));
        }
        else
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role) return user;
        if (current.Count > 0) Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
