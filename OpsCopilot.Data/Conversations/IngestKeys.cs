namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What makes a delivery a duplicate: the runbook's idempotency key (X-Request-Id, else message_id, else a hash of the
/// message), the message id, and the hash of the signed content (timestamp and raw body), so a byte-identical signed
/// delivery is a duplicate whatever its X-Request-Id says. Each is unique in ops.ingest_dedup.
/// </summary>
public sealed record IngestKeys(string IdempotencyKey, string? MessageId, string? ContentHash);
