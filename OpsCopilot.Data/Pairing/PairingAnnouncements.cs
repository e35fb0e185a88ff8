using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Pairing;

/// <summary>
/// Tells every host's console the moment a phone pairs: a message on the change feed's channel (ops_changes, the one
/// the triggers of migration 0007 use), sent inside the claiming message's transaction, so it is heard only if the
/// pairing commits. Pairing has no trigger of its own; the payload is the triggers' shape: tenant, entity, id, status.
/// </summary>
public static class PairingAnnouncements
{
    /// <summary>The change feed's entity for invites and paired phones.</summary>
    public const string Entity = "pairing";

    public static async Task AnnouncePairedAsync(this OpsDbContext db, PairingClaim claim, CancellationToken cancellationToken)
    {
        if (!claim.Succeeded || claim.TenantId is not { } tenantId || claim.IdentityId is not { } identityId) return;
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_notify('ops_changes', json_build_object('tenant_id', {tenantId}, 'entity', {Entity}, 'id', {identityId}, 'status', {InviteStatus.Used})::text)",
            cancellationToken);
    }
}
