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
    IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public const string SessionClaimType = "sid";

    /// <summary>How stale last_seen_at may get before a request writes it again (one write a minute, not one a request).</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

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
        var rows = await db.Database.SqlQuery<SessionState>($"""
            SELECT s.revoked_at AS "RevokedAt", s.absolute_expires_at AS "AbsoluteExpiresAt", s.last_seen_at AS "LastSeenAt",
                   u.security_stamp AS "SecurityStamp", u.lockout_end AS "LockoutEnd"
            FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id
            WHERE s.id = {sessionId} AND s.user_id = {userId}
            """).ToListAsync(cancellationToken);
        if (rows.SingleOrDefault() is not { } state) return false;

        var now = clock.GetUtcNow();
        var valid = state.RevokedAt is null
            && now < state.AbsoluteExpiresAt
            && now < state.LastSeenAt + options.CurrentValue.IdleTimeout
            && string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal)
            && !(state.LockoutEnd > now);
        if (valid && now - state.LastSeenAt > TouchInterval)
            await db.Database.ExecuteSqlAsync($"UPDATE auth.sessions SET last_seen_at = {now} WHERE id = {sessionId}", cancellationToken);
        return valid;
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

    private sealed record SessionState(DateTimeOffset? RevokedAt, DateTimeOffset AbsoluteExpiresAt, DateTimeOffset LastSeenAt,
        string? SecurityStamp, DateTimeOffset? LockoutEnd);
}
