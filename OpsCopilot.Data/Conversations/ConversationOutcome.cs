namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What handling one message produced. <see cref="TenantId"/> and <see cref="ThreadId"/> stay null for a sender
/// no tenant knows (nothing but the dedup row records such a message). <see cref="MessageOut"/> is the reply's
/// audit event, still to be written: <see cref="IngestLedger.RecordOutcomeAsync"/> writes it together with the
/// outcome, in one round trip.
/// </summary>
public sealed record ConversationOutcome(int? TenantId, Guid? ThreadId, string Reply, MessageOutEvent? MessageOut = null);

/// <summary>The MESSAGE_OUT event of a reply to a paired sender's message (null for an unknown sender: no tenant).</summary>
public sealed record MessageOutEvent(int TenantId, Guid ThreadId, string Payload, DateTimeOffset CreatedAt);
