using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Pairing;

public sealed class PairingInvite : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>HMAC of the code; the code itself is shown once and never stored.</summary>
    public required string OtpHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string Status { get; set; } = InviteStatus.Pending;
    public int Attempts { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedByWaUserId { get; set; }
}

public static class InviteStatus
{
    public const string Pending = "PENDING";
    public const string Used = "USED";
    public const string Expired = "EXPIRED";
    public const string Revoked = "REVOKED";
}
