using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Audit;

/// <summary>An append-only audit record (ops.events). Payloads carry the ids operators query by.</summary>
public sealed class OpsEvent : ITenantOwned
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    public Guid? ThreadId { get; set; }
    public required string EventType { get; set; }
    public string Payload { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
