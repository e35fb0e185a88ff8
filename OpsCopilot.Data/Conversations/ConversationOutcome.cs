namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What handling one message produced. <see cref="TenantId"/> and <see cref="ThreadId"/> stay null for a sender
/// no tenant knows (nothing but the dedup row records such a message).
/// </summary>
public sealed record ConversationOutcome(int? TenantId, Guid? ThreadId, string Reply);
