using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Broadcasts;

public sealed class BroadcastSubscription : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public Guid DriverId { get; set; }
    public bool IsSubscribed { get; set; } = true;
    /// <summary>Where the consent (or its withdrawal) came from: console, csv_import, whatsapp_stop, …</summary>
    public string? ConsentSource { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
