using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Pairing;

namespace OpsCopilot.Data.Tenants;

/// <param name="Active">False once deactivated: no sign-in, no session, no paired phone until reactivated.</param>
public sealed record TenantUserRow(Guid Id, string Email, string? DisplayName, string? Role, DateTimeOffset CreatedAt, bool Active = true);

/// <summary>
/// The console's user administration for the scope's own tenant: add, change role, deactivate (the list is
/// <see cref="TenantUserQueries"/>). Creation goes through
/// <see cref="TenantAdministration"/> (the CLI's code), with the tenant taken from the scope, never from the caller.
/// Every change is a USER_CHANGED event committed with it.
/// </summary>
public sealed class TenantUsers(OpsDbContext db, UserManager<AppUser> users, TenantAdministration administration)
{
    public const int MaxEmailLength = 256;

    /// <summary>
    /// A new user of this tenant. An email of this tenant's users is refused (never a silent password reset); another
    /// tenant's accounts are invisible here and do not matter (emails are unique per tenant).
    /// </summary>
    public async Task<TenantUserRow> AddAsync(string email, string password, string role, string? displayName, Guid? by, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        email = (email ?? "").Trim();
        if (email.Length is 0 or > MaxEmailLength || !new EmailAddressAttribute().IsValid(email))
            throw OpsException.Invalid("email", "Enter a valid email address, e.g. name@company.com.");
        RequireKnownRole(role);
        displayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (displayName is { Length: > 100 }) throw OpsException.Invalid("display_name", "The display name must be at most 100 characters.");
        if (await users.FindByEmailAsync(email) is not null)
            throw OpsException.Conflict($"A user with the email {email} already exists.");
        password ??= "";
        await RequireValidPasswordAsync(email, password);

        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        AppUser user;
        try
        {
            user = await administration.UpsertUserAsync(tenantId, email, password, role, displayName);
        }
        catch (InvalidOperationException refused)
        {
            // Identity's own messages (user name rules, a concurrent duplicate, ...).
            throw new OpsException(OpsErrorKind.Validation, refused.Message);
        }
        db.Record(EventTypes.UserChanged, new { user_id = user.Id, email, change = "created", role, by });
        await db.SaveChangesAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new TenantUserRow(user.Id, email, displayName, role, user.CreatedAt);
    }

    /// <summary>Sets the user's only role. The tenant's last TenantAdmin keeps the role, so the tenant is never left without one.</summary>
    public async Task SetRoleAsync(Guid userId, string role, Guid? by, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        RequireKnownRole(role);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.TenantId == tenantId, cancellationToken)
            ?? throw OpsException.NotFound("User");
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role) return;

        if (current.Contains(AppRole.TenantAdmin) && role != AppRole.TenantAdmin)
        {
            var otherAdmins = await (
                from userRole in db.UserRoles
                join roleRow in db.Roles on userRole.RoleId equals roleRow.Id
                join other in db.Users on userRole.UserId equals other.Id
                where roleRow.Name == AppRole.TenantAdmin && other.TenantId == tenantId && other.Id != userId
                select other.Id).CountAsync(cancellationToken);
            if (otherAdmins == 0)
                throw OpsException.Conflict($"{user.Email} is the tenant's last TenantAdmin; make another user TenantAdmin first.");
        }

        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (current.Count > 0) Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        // Signed-in sessions of the user re-read their permissions at the next security stamp check.
        Check(await users.UpdateSecurityStampAsync(user));
        db.Record(EventTypes.UserChanged, new { user_id = userId, email = user.Email, change = "role", from = current.FirstOrDefault(), role, by });
        await db.SaveChangesAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Deactivates (locks indefinitely) or reactivates a user of this tenant. Deactivation renews the security stamp,
    /// revokes every session row, so open sessions and circuits end within seconds, and unpairs the user's phones and
    /// withdraws their open pairing codes, so WhatsApp cannot act for them either (reactivated, they pair again with a
    /// new code); nobody deactivates themselves.
    /// </summary>
    public async Task SetActiveAsync(Guid userId, bool active, Guid? by, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        if (!active && by == userId) throw OpsException.Conflict("You cannot deactivate your own account.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.TenantId == tenantId, cancellationToken)
            ?? throw OpsException.NotFound("User");

        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, active ? null : DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
        if (!active)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE auth.sessions SET revoked_at = now() WHERE user_id = {userId} AND revoked_at IS NULL", cancellationToken);
            var phones = await db.Identities.Where(i => i.UserId == userId && i.Status == IdentityStatus.Active).ToListAsync(cancellationToken);
            foreach (var phone in phones) db.Revoke(phone, by, DateTimeOffset.UtcNow, reason: "user deactivated");
            var codes = await db.PairingInvites.Where(i => i.UserId == userId && i.Status == InviteStatus.Pending).ToListAsync(cancellationToken);
            foreach (var code in codes) db.Revoke(code, by, reason: "user deactivated");
        }
        db.Record(EventTypes.UserChanged, new { user_id = userId, email = user.Email, change = active ? "reactivated" : "deactivated", by });
        await db.SaveChangesAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    private async Task RequireValidPasswordAsync(string email, string password)
    {
        var candidate = new AppUser { UserName = email, Email = email };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            if (!result.Succeeded) errors.AddRange(result.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0) throw OpsException.Invalid("password", string.Join(" ", errors));
    }

    private static void RequireKnownRole(string role)
    {
        if (!AppRole.All.Contains(role)) throw OpsException.Invalid("role", $"The role must be {string.Join(" or ", AppRole.All)}.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new OpsException(OpsErrorKind.Validation, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
