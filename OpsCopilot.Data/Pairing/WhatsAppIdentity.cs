using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Pairing;

/// <summary>A WhatsApp number paired to a console user (ops.identities).</summary>
public sealed class WhatsAppIdentity : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>E.164 digits without '+'.</summary>
    public required string WaUserId { get; set; }
    public string Status { get; set; } = IdentityStatus.Active;
    public DateTimeOffset PairedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? LastSeenAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
}

public static class IdentityStatus
{
    public const string Active = "ACTIVE";
    public const string Revoked = "REVOKED";
}
