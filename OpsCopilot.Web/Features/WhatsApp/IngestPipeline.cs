using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations.Retention;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>What became of one message: first delivery or duplicate, and the reply that belongs to it.</summary>
public sealed record IngestResult(bool IsDuplicate, int? TenantId, Guid? ThreadId, string? Reply);

/// <summary>How the reply reaches the sender.</summary>
public enum ReplyDelivery
{
    /// <summary>In the webhook's HTTP response (the gateway relays it).</summary>
    InResponse,

    /// <summary>As a queued TEXT notification in the outbox, written in the message's transaction (Cloud API).</summary>
    Outbox,
}

/// <summary>
/// Exactly-once handling of one authenticated message, in one transaction of its own scope (its own tenant): record
/// the idempotency key, let the conversation act, store the outcome, commit. A concurrent or later duplicate waits on
/// the unique index and then answers with the stored outcome; any failure rolls everything back, key included.
/// </summary>
public sealed class IngestPipeline(IServiceScopeFactory scopes, TimeProvider clock, RetentionTrigger retention, OutboxSignal outbox,
    IMessageInterpreter interpreter)
{
    public async Task<IngestResult> ProcessAsync(InboundMessage message, IngestKeys keys, ReplyDelivery delivery,
        CancellationToken cancellationToken)
    {
        // The webhook runbook (docs/runbooks.md, webhook §3): retention runs after webhook traffic (throttled by the retention worker).
        retention.TrafficSeen();
        var earlyReading = await ReadBeforeTransactionAsync(message, keys, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        // Nothing here continues after a failed save (any failure rolls the whole message back, key included), and the
        // draft decisions bring their own savepoint (UnitOfWork): EF's automatic SAVEPOINT and RELEASE around every save
        // would be two round trips per draft while the sender's rows are locked (docs/benchmarks.md).
        db.Database.AutoSavepointsEnabled = false;
        if (earlyReading is { } early) scope.ServiceProvider.GetRequiredService<PreparedReading>().Offer(early.TenantId, message.Body, early.Reading);

        IngestClaim claim;
        try
        {
            // The round trip that opens the connection also answers a redelivery of a committed message (no
            // transaction, no claim) and identifies the sender (docs/benchmarks.md).
            var look = await IngestFirstLook.TakeAsync(db, keys, message.WaUserId, cancellationToken);
            if (look.Original is { } known)
                return new IngestResult(true, null, known.ThreadId, known.Reply);

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                claim = await IngestLedger.ClaimAsync(db, keys, message.WaUserId, cancellationToken);
                if (!claim.IsDuplicate)
                {
                    var outcome = await scope.ServiceProvider.GetRequiredService<ConversationService>().HandleAsync(message, look.Sender, cancellationToken);
                    if (delivery == ReplyDelivery.Outbox && outcome.TenantId is { } tenantId)
                        await QueueReplyAsync(db, tenantId, message, outcome.Reply, cancellationToken);
                    await IngestLedger.RecordOutcomeAsync(db, keys, outcome, cancellationToken);
                    // A reply through the outbox, a confirmed broadcast, a requester told of a decision: what the
                    // message queued is sent now, not at the next poll. Every notification is written through this
                    // context (db.Notifications.Add); a message that queued none would only wake the worker for an
                    // empty claim.
                    var queued = db.ChangeTracker.Entries<Notification>().Any();
                    await transaction.CommitAsync(cancellationToken);
                    if (queued) outbox.Nudge();
                    return new IngestResult(false, outcome.TenantId, outcome.ThreadId, outcome.Reply);
                }

                await transaction.RollbackAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (!DatabaseFailures.IsUnavailable(ex) && db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            // A bounded wait broke the connection under a step that then failed differently ("transaction is already
            // completed"): the database's failure all the same, nothing committed, and the gateway's retry is safe.
            throw new DatabaseUnavailableException("The database connection broke while the message was handled; nothing was committed.", ex);
        }

        // The claim read the first delivery's outcome in the same round trip.
        return new IngestResult(true, null, claim.Original?.ThreadId, claim.Original?.Reply);
    }

    /// <summary>
    /// A remote interpreter (the LLM planner) is asked before the transaction, on a scope of its own that holds no
    /// connection while it waits: a slow model must not keep the idempotency key locked or a pooled connection busy.
    /// Only a paired sender's new message that is not a protocol word is worth asking; the router still decides
    /// everything inside the transaction, and reads again if the sender's tenant has changed in between.
    /// </summary>
    private async Task<(int TenantId, MessageReading Reading)?> ReadBeforeTransactionAsync(InboundMessage message, IngestKeys keys,
        CancellationToken cancellationToken)
    {
        // The rules read in microseconds inside the transaction; only a remote interpreter is worth a scope here.
        if (interpreter is not IRemoteMessageInterpreter remote || CommandClassifier.Classify(message.Body) is not null)
            return null;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        if ((await IngestLedger.OriginalAsync(db, keys, message.WaUserId, cancellationToken)).Reply is not null)
            return null; // a known duplicate is answered from the ledger, without asking anyone
        if (await SenderDirectory.ResolveAsync(db, message.WaUserId, cancellationToken) is not { } sender)
            return null;

        await db.UseTenantAsync(sender.TenantId, cancellationToken);
        var context = await scope.ServiceProvider.GetRequiredService<InterpretationContextLoader>().LoadAsync(message.ReceivedAt, cancellationToken);
        return (sender.TenantId, await remote.ReadAsync(message.Body, context, cancellationToken));
    }

    private async Task QueueReplyAsync(OpsDbContext db, int tenantId, InboundMessage message, string reply, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.Notifications.Add(new Notification
        {
            TenantId = tenantId,
            RecipientPhone = message.WaUserId,
            Kind = NotificationKind.Text,
            Body = reply,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
