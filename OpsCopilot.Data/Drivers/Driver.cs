using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Drivers;

public sealed class Driver : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public required string FullName { get; set; }
    /// <summary>E.164 digits without '+'.</summary>
    public required string Phone { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset? LastInboundAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
