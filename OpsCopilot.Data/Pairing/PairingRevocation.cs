using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Pairing;

/// <summary>Unpairing a number and withdrawing a code, the one way each: the console's revokes and a user's deactivation.</summary>
public static class PairingRevocation
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

    /// <summary>A pending code can no longer pair; its INVITE_REVOKED event is saved with the caller's changes.</summary>
    public static void Revoke(this OpsDbContext db, PairingInvite invite, Guid? by, string? reason = null)
    {
        if (invite.Status != InviteStatus.Pending) throw OpsException.Conflict($"The invite is {invite.Status}, not PENDING.");
        invite.Status = InviteStatus.Revoked;
        db.Record(EventTypes.InviteRevoked, new { invite_id = invite.Id, by, reason });
    }
}
