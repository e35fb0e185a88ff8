namespace OpsCopilot.Data.Pairing;

/// <summary>
/// What an invite is worth now: a PENDING row whose time is up is EXPIRED even before a claim attempt
/// writes that status. Revoking is offered only for invites that could still be claimed.
/// </summary>
public static class InviteState
{
    public static string Effective(PairingInvite invite, DateTimeOffset now) =>
        invite.Status == InviteStatus.Pending && invite.ExpiresAt <= now ? InviteStatus.Expired : invite.Status;

    public static bool CanRevoke(PairingInvite invite, DateTimeOffset now) => Effective(invite, now) == InviteStatus.Pending;
}
