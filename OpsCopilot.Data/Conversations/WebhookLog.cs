namespace OpsCopilot.Data.Conversations;

/// <summary>A sampled inbound payload, phone numbers and codes masked, kept briefly for debugging.</summary>
public sealed class WebhookLog
{
    public long Id { get; set; }
    public int? TenantId { get; set; }
    public string Channel { get; set; } = "gateway";
    public string? WaUserId { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
}
