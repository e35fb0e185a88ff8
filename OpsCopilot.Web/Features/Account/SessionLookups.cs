using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Web.Features.Shared;

namespace OpsCopilot.Web.Features.Account;

/// <summary>A session row and its user's stamp and lock-out, as one request's check reads them.</summary>
public sealed record SessionState(DateTimeOffset? RevokedAt, DateTimeOffset AbsoluteExpiresAt, DateTimeOffset LastSeenAt,
    string? SecurityStamp, DateTimeOffset? LockoutEnd)
{
    /// <summary>Neither revoked nor past its absolute or idle expiry.</summary>
    public bool StandsAt(DateTimeOffset now, TimeSpan idleTimeout) =>
        RevokedAt is null && now < AbsoluteExpiresAt && now < LastSeenAt + idleTimeout;
}

/// <summary>
/// Reads sessions for <see cref="ServerSessions"/>. Checks of one session that overlap share one read: a page that
/// fires twenty requests at once, or fifty presses of a button, cost one query, not fifty queued for connections.
/// Nothing is cached: a request that arrives after a read finished reads again, so a sign-out, a role change or a
/// deactivation refuses every request that starts after the read in flight when it committed (docs/security.md).
/// </summary>
public sealed class SessionLookups(IServiceScopeFactory scopes, IOptionsMonitor<ConsoleSessionOptions> options, TimeProvider clock)
{
    /// <summary>How stale last_seen_at may get before a request writes it again (one write a minute, not one a request).</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly SingleFlight<(int TenantId, Guid SessionId, Guid UserId), SessionState?> reads = new();

    /// <summary>The session's state, or null when no such session of that user exists in the tenant.</summary>
    public async Task<SessionState?> ReadAsync(int tenantId, Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        (await reads.RunAsync((tenantId, sessionId, userId), () => ReadInOwnScopeAsync(tenantId, sessionId, userId), cancellationToken)).Result;

    /// <summary>Its own scope and no caller's cancellation: the callers that joined must get an answer, not the first one's hang-up.</summary>
    private async Task<SessionState?> ReadInOwnScopeAsync(int tenantId, Guid sessionId, Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var rows = await db.Database.SqlQuery<SessionState>($"""
            SELECT s.revoked_at AS "RevokedAt", s.absolute_expires_at AS "AbsoluteExpiresAt", s.last_seen_at AS "LastSeenAt",
                   u.security_stamp AS "SecurityStamp", u.lockout_end AS "LockoutEnd"
            FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id
            WHERE s.id = {sessionId} AND s.user_id = {userId}
            """).ToListAsync(CancellationToken.None);
        if (rows.SingleOrDefault() is not { } state) return null;

        var now = clock.GetUtcNow();
        if (state.StandsAt(now, options.CurrentValue.IdleTimeout) && now - state.LastSeenAt > TouchInterval)
            await db.Database.ExecuteSqlAsync($"UPDATE auth.sessions SET last_seen_at = {now} WHERE id = {sessionId}", CancellationToken.None);
        return state;
    }
}
