using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Pairing;

public sealed record CreatedInvite(Guid InviteId, string Otp, DateTimeOffset ExpiresAt, Guid UserId);

public sealed record PairingClaim(string Outcome, int? TenantId, Guid? IdentityId, Guid? UserId)
{
    public const string Paired = "paired";
    public bool Succeeded => Outcome == Paired;
}

public sealed record IdentityRow(Guid Id, Guid UserId, string? UserEmail, string WaUserIdMasked, string Status, DateTimeOffset PairedAt, DateTimeOffset? LastSeenAt);

/// <summary>
/// One-time pairing codes: eight CSPRNG digits shown once, stored only as an HMAC, single use, expiring,
/// revocable, attempt-limited per number and globally, at most so many live per tenant (decided in ops.claim_pairing_code and
/// under a per-tenant lock; docs/security.md has the arithmetic).
/// </summary>
public sealed class PairingService(OpsDbContext db, IOptions<PairingOptions> options, TimeProvider clock)
{
    private readonly PairingOptions settings = options.Value;

    public async Task<CreatedInvite> CreateInviteAsync(Guid userId, Guid? createdBy, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        var user = await db.Users.Where(u => u.Id == userId && u.TenantId == tenantId).Select(u => new { u.Email, u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken) ?? throw OpsException.Invalid("user_id", "No such user in this tenant.");
        var now = clock.GetUtcNow();
        // A deactivated person's phone must not act for them: no code for them until they are reactivated.
        if (user.LockoutEnd > now) throw OpsException.Conflict($"{user.Email} is deactivated; reactivate them on the Users page first.");

        // Decided under a per-tenant lock, so parallel requests cannot exceed the limits.
        await using var unit = await UnitOfWork.BeginAsync(db, cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('ops.invites:' || {tenantId}::text))", cancellationToken);
        var pending = await db.PairingInvites.CountAsync(i => i.UserId == userId && i.Status == InviteStatus.Pending && i.ExpiresAt > now, cancellationToken);
        if (pending >= settings.MaxPendingInvitesPerUser)
            throw OpsException.Conflict($"This user already has {pending} open pairing codes; revoke one first.");
        var live = await db.PairingInvites.CountAsync(i => i.Status == InviteStatus.Pending && i.ExpiresAt > now, cancellationToken);
        if (live >= settings.MaxLiveInvitesPerTenant)
            throw OpsException.Conflict($"This tenant already has {live} open pairing codes; revoke unused ones first.");

        // A fresh code can collide with another tenant's live code; the unique index says so, and we draw again.
        for (var attempt = 0; ; attempt++)
        {
            var code = OneTimeCodes.NewCode();
            var invite = new PairingInvite
            {
                TenantId = tenantId, UserId = userId, OtpHash = Hash(code), ExpiresAt = now.AddMinutes(settings.InviteLifetimeMinutes),
                CreatedBy = createdBy, CreatedAt = now,
            };
            db.PairingInvites.Add(invite);
            db.Record(EventTypes.InviteCreated, new { invite_id = invite.Id, user_id = userId, expires_at = invite.ExpiresAt, by = createdBy });
            try
            {
                // A savepoint per try keeps the transaction usable after a collision.
                await db.SaveChangesAsync(cancellationToken);
                await unit.CommitAsync(cancellationToken);
                return new CreatedInvite(invite.Id, code, invite.ExpiresAt, userId);
            }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } && attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Binds the number to the invite's user if the code is live. Runs before any tenant is known.</summary>
    public async Task<PairingClaim> ClaimAsync(string waUserId, string code, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var rows = await db.Database.SqlQueryRaw<PairingClaim>(
            "SELECT outcome AS \"Outcome\", tenant_id AS \"TenantId\", identity_id AS \"IdentityId\", user_id AS \"UserId\" " +
            "FROM ops.claim_pairing_code({0}, {1}, {2}, {3}, {4}, {5}, {6})",
            Hash(code), waUserId, NumberHash(waUserId), settings.MaxFailedAttemptsPerNumber, settings.MaxFailedAttemptsPerMinuteGlobally,
            settings.MaxFailedAttemptsPerDayGlobally, settings.GuessesPerNumberWhileSaturated).ToListAsync(cancellationToken);
        return rows.Single();
    }

    public async Task<IReadOnlyList<PairingInvite>> ListInvitesAsync(CancellationToken cancellationToken) =>
        await db.PairingInvites.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);

    public async Task RevokeInviteAsync(Guid inviteId, Guid? by, CancellationToken cancellationToken)
    {
        var invite = await db.PairingInvites.SingleOrDefaultAsync(i => i.Id == inviteId, cancellationToken) ?? throw OpsException.NotFound("Invite");
        db.Revoke(invite, by);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IdentityRow>> ListIdentitiesAsync(CancellationToken cancellationToken)
    {
        var rows = await (
            from identity in db.Identities.AsNoTracking()
            join user in db.Users on identity.UserId equals user.Id
            orderby identity.PairedAt descending
            select new { identity, user.Email }).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => new IdentityRow(r.identity.Id, r.identity.UserId, r.Email, PhoneNumbers.Mask(r.identity.WaUserId),
            r.identity.Status, r.identity.PairedAt, r.identity.LastSeenAt)).ToList();
    }

    /// <summary>A revoked number is treated as unpaired from its next message on.</summary>
    public async Task RevokeIdentityAsync(Guid identityId, Guid? by, CancellationToken cancellationToken)
    {
        var identity = await db.Identities.SingleOrDefaultAsync(i => i.Id == identityId, cancellationToken) ?? throw OpsException.NotFound("Identity");
        if (db.Revoke(identity, by, clock.GetUtcNow())) await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// How ops.pairing_attempts remembers a number: a keyed hash (the numbers' space is small enough to brute-force a
    /// plain hash), never the number.
    /// </summary>
    private string NumberHash(string waUserId) => OneTimeCodes.Hash("pairing-number:" + waUserId, Pepper);

    private byte[] Pepper => Encoding.UTF8.GetBytes(settings.CodePepper ?? throw new InvalidOperationException("OpsCopilot:Pairing:CodePepper is not configured."));

    private string Hash(string code) =>
        OneTimeCodes.Hash(code, Encoding.UTF8.GetBytes(settings.CodePepper ?? throw new InvalidOperationException("OpsCopilot:Pairing:CodePepper is not configured.")));
}
