using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Conversations;

/// <summary>One WhatsApp sender's conversation with the copilot (ops.threads).</summary>
public sealed class ConversationThread : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public required string WaUserId { get; set; }
    public Guid? IdentityId { get; set; }
    /// <summary>Chat state as JSON; an operator may reset it to "{}".</summary>
    public string State { get; set; } = "{}";
    public DateTimeOffset? LastInboundAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
