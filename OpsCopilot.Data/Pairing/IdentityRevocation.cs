using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Pairing;

/// <summary>Unpairing a number, the one way: the console's revoke and a user's deactivation.</summary>
public static class IdentityRevocation
{
    /// <summary>
    /// The number counts as unpaired from its next message on; its IDENTITY_REVOKED event is saved with the caller's
    /// changes. False when it was revoked already.
    /// </summary>
    public static bool Revoke(this OpsDbContext db, WhatsAppIdentity identity, Guid? by, DateTimeOffset now, string? reason = null)
    {
        if (identity.Status == IdentityStatus.Revoked) return false;
        identity.Status = IdentityStatus.Revoked;
        identity.RevokedAt = now;
        identity.RevokedBy = by;
        db.Record(EventTypes.IdentityRevoked,
            new { identity_id = identity.Id, user_id = identity.UserId, wa_user_id = PhoneNumbers.Mask(identity.WaUserId), by, reason });
        return true;
    }
}
