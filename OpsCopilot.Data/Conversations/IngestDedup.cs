namespace OpsCopilot.Data.Conversations;

/// <summary>One processed inbound message (ops.ingest_dedup); the unique key decides duplicates.</summary>
public sealed class IngestDedup
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public string? MessageId { get; set; }
    public string? WaUserId { get; set; }
    public int? TenantId { get; set; }
    public Guid? ThreadId { get; set; }
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
