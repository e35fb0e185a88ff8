using System.Text.Json;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// Handles one inbound message inside the caller's transaction: who sent it, the sender's thread, the MESSAGE_IN /
/// MESSAGE_OUT audit pair around the router's reply. The caller owns the transaction and the idempotency record, and
/// writes the MESSAGE_OUT this returns together with the outcome (<see cref="IngestLedger.RecordOutcomeAsync"/>).
/// </summary>
public sealed class ConversationService(OpsDbContext db, ICommandRouter router, InterpretationContextLoader contexts, TimeProvider clock)
{
    /// <param name="message">The message.</param>
    /// <param name="sender">Who sent it, when the caller has asked already (the ingest path, in its first round trip); null to ask here.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    public async Task<ConversationOutcome> HandleAsync(InboundMessage message, SenderIdentity? sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        var (paired, memberships) = sender ?? await SenderDirectory.IdentifyAsync(db, message.WaUserId, cancellationToken);
        if (memberships.Count > 0)
            await SenderDirectory.TouchDriverInboundAsync(db, message.WaUserId, message.ReceivedAt, cancellationToken);

        if (paired is not null)
        {
            var threadId = await OpenThreadAsync(paired, message, cancellationToken);
            var reply = await router.ReplyAsync(
                new SenderContext(message, paired.TenantId, paired.IdentityId, paired.UserId, threadId, memberships), cancellationToken);
            return new ConversationOutcome(paired.TenantId, threadId, reply, MessageOut(paired.TenantId, threadId, message, reply));
        }

        var unpairedReply = await router.ReplyAsync(new SenderContext(message, null, null, null, null, memberships), cancellationToken);

        // Only PAIR <code> can have paired the number just now (from then on it belongs to that tenant's trail); any
        // other message of an unknown number costs no second lookup.
        if (CommandClassifier.Classify(message.Body)?.Intent != MessageIntent.Pair
            || await SenderDirectory.ResolveAsync(db, message.WaUserId, cancellationToken) is not { } nowPaired)
            return new ConversationOutcome(null, null, unpairedReply);

        var newThreadId = await OpenThreadAsync(nowPaired, message, cancellationToken);
        return new ConversationOutcome(nowPaired.TenantId, newThreadId, unpairedReply, MessageOut(nowPaired.TenantId, newThreadId, message, unpairedReply));
    }

    /// <summary>
    /// Switches the scope to the sender's tenant, upserts the thread and writes MESSAGE_IN, in one round trip: the
    /// tenant's set_config and the statement go as one batch (docs/benchmarks.md). The statement also reads the
    /// tenant's context version, so message understanding can use the host's snapshot without asking again.
    /// </summary>
    private async Task<Guid> OpenThreadAsync(PairedSender sender, InboundMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var receivedAt = message.ReceivedAt.ToUniversalTime();
        var payload = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["message_id"] = message.MessageId,
            ["wa_user_id"] = PhoneNumbers.Mask(message.WaUserId),
            ["body"] = MessageText.ForAudit(message.Body),
            ["channel"] = message.Channel,
        });

        // The three writes every paired message makes, in one statement. The thread is an upsert, because two
        // messages of one sender may race to create it; the identity's last_seen_at; MESSAGE_IN, written before the
        // router runs, so whatever it writes (drafts, tickets) follows it in the trail. The tenant_id conditions are
        // the second layer the query filters give EF's statements.
        var (threadId, contextVersion) = await db.UseTenantWithAsync(sender.TenantId, """
            WITH thread AS (
                INSERT INTO ops.threads AS t (id, tenant_id, wa_user_id, identity_id, last_inbound_at, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $6)
                ON CONFLICT (tenant_id, wa_user_id) DO UPDATE
                    SET identity_id = EXCLUDED.identity_id,
                        last_inbound_at = GREATEST(t.last_inbound_at, EXCLUDED.last_inbound_at),
                        updated_at = EXCLUDED.updated_at
                RETURNING t.id
            ), seen AS (
                UPDATE ops.identities SET last_seen_at = $6
                WHERE id = $4 AND tenant_id = $2
            )
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
            SELECT $2, thread.id, $7, $8::jsonb, $6 FROM thread
            RETURNING thread_id, (SELECT context_version FROM ops.tenants WHERE id = $2)
            """,
            [Guid.CreateVersion7(), sender.TenantId, message.WaUserId, sender.IdentityId, receivedAt, now, EventTypes.MessageIn, payload],
            reader => (reader.GetGuid(0), reader.GetInt64(1)), cancellationToken);
        contexts.VersionRead(sender.TenantId, contextVersion);
        return threadId;
    }

    private MessageOutEvent MessageOut(int tenantId, Guid threadId, InboundMessage message, string reply) =>
        new(tenantId, threadId, JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["reply"] = reply,
            ["in_reply_to"] = message.MessageId,
            ["channel"] = message.Channel,
        }), clock.GetUtcNow().ToUniversalTime());
}
