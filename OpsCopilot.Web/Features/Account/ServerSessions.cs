using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Features.Account;

/// <summary>
/// Console sessions kept in auth.sessions (migration 0013). The cookie is only a pointer: a session is valid while its
/// row is neither revoked nor expired (idle or absolute), the user's security stamp is the one it was issued with
/// (a role change renews the stamp) and the account is not deactivated. Scoped: it works in the scope's tenant,
/// taken from the principal.
/// </summary>
public sealed class ServerSessions(OpsDbContext db, TenantContext tenant, IOptionsMonitor<ConsoleSessionOptions> options,
    IOptions<IdentityOptions> identity, TimeProvider clock, SessionLookups lookups)
{
    public const string SessionClaimType = "sid";

    /// <summary>Opens a session for the principal being signed in and adds its id as a claim.</summary>
    public async Task StartAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity is not ClaimsIdentity identityClaims || principal.UserId() is not { } userId || !UseTenantOf(principal))
            throw new InvalidOperationException("A session needs a signed-in user with a tenant.");
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO auth.sessions (id, tenant_id, user_id, created_at, last_seen_at, absolute_expires_at)
            VALUES ({id}, {tenant.Required}, {userId}, {now}, {now}, {now + options.CurrentValue.AbsoluteLifetime})
            """, cancellationToken);
        identityClaims.AddClaim(new Claim(SessionClaimType, id.ToString()));
    }

    /// <summary>Whether the principal's session still stands; touches last_seen_at now and then.</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (SessionId(principal) is not { } sessionId || principal.UserId() is not { } userId || !UseTenantOf(principal)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (await lookups.ReadAsync(tenant.Required, sessionId, userId, cancellationToken) is not { } state) return false;
        var now = clock.GetUtcNow();
        return state.StandsAt(now, options.CurrentValue.IdleTimeout)
            && string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal)
            && !(state.LockoutEnd > now);
    }

    /// <summary>Ends the principal's session for every copy of its cookie.</summary>
    public async Task RevokeAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (SessionId(principal) is not { } sessionId || !UseTenantOf(principal)) return;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE auth.sessions SET revoked_at = {clock.GetUtcNow()} WHERE id = {sessionId} AND revoked_at IS NULL", cancellationToken);
    }

    /// <summary>Ends every session of a user of the scope's tenant (deactivation).</summary>
    public Task RevokeAllAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE auth.sessions SET revoked_at = {clock.GetUtcNow()} WHERE user_id = {userId} AND revoked_at IS NULL", cancellationToken);

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionClaimType), out var id) ? id : null;

    /// <summary>The scope works for the principal's tenant (a scope already working for another one is refused).</summary>
    private bool UseTenantOf(ClaimsPrincipal principal)
    {
        if (principal.TenantId() is not { } tenantId) return false;
        if (tenant.TenantId is { } current) return current == tenantId;
        tenant.Use(tenantId);
        return true;
    }
}
