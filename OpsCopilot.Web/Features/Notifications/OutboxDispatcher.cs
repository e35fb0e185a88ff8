using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Web.Features.Notifications.Senders;
using OpsCopilot.Web.Features.Operations.Alerts;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// One round of the outbox: claim a batch across tenants, then per tenant (so every write lands under that
/// tenant's row-level security) check, pace, send and write each outcome back under the claim's lease.
/// At-least-once towards the provider — a crash between send and mark re-sends after the lease — with the
/// notification id as idempotency key so the receiver can make it exactly-once.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    WorkerDatabase worker,
    INotificationSender sender,
    TestNumberSink sink,
    SendPacer pacer,
    IOptionsMonitor<OutboxOptions> options,
    AlertPublisher alerts,
    OutboxMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    public string SenderName => sender.Name;

    /// <returns>How many rows were claimed.</returns>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var claimedAt = clock.GetTimestamp();
        IReadOnlyList<Notification> claimed;
        // Only the claim looks across tenants, as ops_worker; every row is then handled in its tenant's scope.
        await using (var claimDb = worker.CreateContext())
            claimed = await OutboxStore.ClaimAsync(claimDb, settings.BatchSize, settings.Lease, cancellationToken);
        if (claimed.Count == 0) return 0;

        var finished = new HashSet<Guid>();
        try
        {
            foreach (var tenantRows in claimed.GroupBy(n => n.TenantId))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
                db.Tenant.Use(tenantRows.Key);
                var preparation = await OutboundPreparation.LoadAsync(db, tenantRows.ToList(), clock.GetUtcNow(),
                    settings.EnforceCustomerServiceWindow, cancellationToken);
                foreach (var row in tenantRows)
                {
                    using (OpsTracing.StartOutboxSend(row, sender.Name))
                        await DeliverAsync(db, row, preparation, claimedAt, settings, cancellationToken);
                    finished.Add(row.Id);
                }
            }
        }
        catch
        {
            // Shutting down or the database failed: hand back what this round did not finish, rather than
            // letting it sit until the lease runs out. A row whose send may have happened is re-sent with
            // the same idempotency key either way.
            await ReleaseAsync(claimed.Where(r => !finished.Contains(r.Id)).ToList());
            throw;
        }
        return claimed.Count;
    }

    private async Task DeliverAsync(OpsDbContext db, Notification row, OutboundPreparation preparation, long claimedAt,
        OutboxOptions settings, CancellationToken cancellationToken)
    {
        var lease = row.LockedUntil ?? throw new InvalidOperationException($"Claimed notification {row.Id} has no lease.");
        if (!LeaseCoversASend(claimedAt, settings))
        {
            await OutboxStore.ReleaseAsync(db, row.Id, lease, TimeSpan.Zero, cancellationToken);
            return;
        }

        var prepared = preparation.Prepare(row);
        if (prepared.Message is not { } message)
        {
            await RecordAttemptAsync(db, row, lease, SendResult.Permanent(prepared.Refusal!), refusedBeforeSending: true, settings, sender);
            return;
        }
        // A tenant's reserved test numbers are nobody's phone: their messages never leave the host.
        var channel = TestNumberSink.Takes(message) ? sink : sender;

        var senderKey = channel.SenderKey(message);
        var held = pacer.ThrottledFor(senderKey);
        if (held > TimeSpan.Zero)
        {
            await OutboxStore.ReleaseAsync(db, row.Id, lease, held, cancellationToken);
            return;
        }
        await pacer.WaitAsync(senderKey, cancellationToken);
        if (!LeaseCoversASend(claimedAt, settings))
        {
            await OutboxStore.ReleaseAsync(db, row.Id, lease, TimeSpan.Zero, cancellationToken);
            return;
        }

        var started = clock.GetTimestamp();
        SendResult result;
        try
        {
            result = await channel.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            result = SendResult.Transient($"{channel.Name} failed: {ex.GetType().Name}: {ex.Message}");
        }
        var elapsed = clock.GetElapsedTime(started);
        metrics.SendTook(channel.Name, result.Outcome.ToString().ToLowerInvariant(), elapsed);

        if (result.Outcome == SendOutcome.Sent)
        {
            await MarkSentAsync(db, row, lease, result.ProviderMessageId, elapsed, channel);
            return;
        }
        if (result.Outcome == SendOutcome.Throttled)
            pacer.Throttle(senderKey, clock.GetUtcNow() + (result.RetryAfter ?? settings.BaseDelay));
        await RecordAttemptAsync(db, row, lease, result, refusedBeforeSending: false, settings, channel);
    }

    // A send must finish, and its outcome be written, before the lease runs out; otherwise another host could
    // re-send the row while this one is still talking to the provider.
    private bool LeaseCoversASend(long claimedAt, OutboxOptions settings) =>
        clock.GetElapsedTime(claimedAt) + sender.MaxSendDuration + settings.Lease / 10 < settings.Lease;

    private async Task MarkSentAsync(OpsDbContext db, Notification row, DateTimeOffset lease, string? providerMessageId, TimeSpan elapsed,
        INotificationSender channel)
    {
        // The provider has the message: record that even while the host is stopping.
        var write = CancellationToken.None;
        await using (var transaction = await db.Database.BeginTransactionAsync(write))
        {
            if (!await OutboxStore.CompleteAsync(db, row.Id, lease, providerMessageId, write))
            {
                LogLeaseLost(row.Id, NotificationStatus.Sent);
                return;
            }
            db.Events.Add(Event(row, EventTypes.NotifySendOk, new
            {
                notification_id = row.Id,
                draft_id = row.DraftId,
                provider_message_id = providerMessageId,
                attempt = row.RetryCount + 1,
                sender = channel.Name,
            }));
            await db.SaveChangesAsync(write);
            await transaction.CommitAsync(write);
        }
        db.ChangeTracker.Clear();
        metrics.Sent(channel.Name);
        LogSendOk(row.Id, PhoneNumbers.Mask(row.RecipientPhone), channel.Name, providerMessageId ?? "-", row.RetryCount + 1, (long)elapsed.TotalMilliseconds);
    }

    private async Task RecordAttemptAsync(OpsDbContext db, Notification row, DateTimeOffset lease, SendResult result, bool refusedBeforeSending,
        OutboxOptions settings, INotificationSender channel)
    {
        var decision = settings.RetryPolicy().Decide(result, row.RetryCount, row.CreatedAt, clock.GetUtcNow(), Random.Shared.NextDouble());
        var write = CancellationToken.None;
        await using (var transaction = await db.Database.BeginTransactionAsync(write))
        {
            if (!await OutboxStore.FailAsync(db, row.Id, lease, decision.Status, decision.Error, decision.RetryIn, decision.CountsAsAttempt, write))
            {
                LogLeaseLost(row.Id, decision.Status);
                return;
            }
            if (decision.CountsAsAttempt)
            {
                db.Events.Add(Event(row, EventTypes.NotifySendFailed, new
                {
                    notification_id = row.Id,
                    draft_id = row.DraftId,
                    attempt = row.RetryCount + 1,
                    status = decision.Status,
                    error = decision.Error,
                    retry_in_ms = (long)decision.RetryIn.TotalMilliseconds,
                    refused_before_sending = refusedBeforeSending,
                    sender = channel.Name,
                }));
                await db.SaveChangesAsync(write);
            }
            await transaction.CommitAsync(write);
        }
        db.ChangeTracker.Clear();

        var recipient = PhoneNumbers.Mask(row.RecipientPhone);
        if (!decision.CountsAsAttempt)
        {
            metrics.Throttled(channel.Name);
            LogThrottled(row.Id, recipient, (long)decision.RetryIn.TotalMilliseconds, decision.Error);
            return;
        }

        metrics.Failed(channel.Name, refusedBeforeSending ? "refused" : result.Outcome == SendOutcome.Permanent ? "permanent" : "transient");
        LogSendFailed(row.Id, recipient, row.RetryCount + 1, decision.Status, (long)decision.RetryIn.TotalMilliseconds, decision.Error);
        if (decision.Status != NotificationStatus.Dead) return;

        metrics.Dead(channel.Name);
        alerts.Raise(new Alert(AlertKeys.NotificationDead,
            $"Notification {row.Id} to {recipient} is dead after {row.RetryCount + 1} attempts: {decision.Error}",
            new Dictionary<string, object?>
            {
                ["notification_id"] = row.Id,
                ["tenant_id"] = row.TenantId,
                ["draft_id"] = row.DraftId,
                ["attempts"] = row.RetryCount + 1,
                ["last_error"] = decision.Error,
                ["sender"] = channel.Name,
            }));
    }

    private async Task ReleaseAsync(IReadOnlyList<Notification> rows)
    {
        if (rows.Count == 0) return;
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            foreach (var tenantRows in rows.GroupBy(r => r.TenantId))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
                db.Tenant.Use(tenantRows.Key);
                foreach (var row in tenantRows)
                    await OutboxStore.ReleaseAsync(db, row.Id, row.LockedUntil!.Value, TimeSpan.Zero, timeout.Token);
            }
        }
        catch (Exception ex)
        {
            LogReleaseFailed(rows.Count, ex.Message);
        }
    }

    private static OpsEvent Event(Notification row, string type, object payload) => new()
    {
        TenantId = row.TenantId,
        EventType = type,
        Payload = JsonSerializer.Serialize(payload),
    };

    [LoggerMessage(EventId = 4600, EventName = "NOTIFY_SEND_OK", Level = LogLevel.Information,
        Message = "NOTIFY_SEND_OK {NotificationId} to {Recipient} via {Sender}, provider id {ProviderMessageId}, attempt {Attempt}, {ElapsedMs} ms")]
    private partial void LogSendOk(Guid notificationId, string recipient, string sender, string providerMessageId, int attempt, long elapsedMs);

    [LoggerMessage(EventId = 4601, EventName = "NOTIFY_SEND_FAILED", Level = LogLevel.Warning,
        Message = "NOTIFY_SEND_FAILED {NotificationId} to {Recipient}, attempt {Attempt} → {Status} (retry in {RetryInMs} ms): {Error}")]
    private partial void LogSendFailed(Guid notificationId, string recipient, int attempt, string status, long retryInMs, string error);

    [LoggerMessage(EventId = 4602, EventName = "NOTIFY_THROTTLED", Level = LogLevel.Information,
        Message = "NOTIFY_THROTTLED {NotificationId} to {Recipient}: provider asked to wait, retry in {RetryInMs} ms: {Error}")]
    private partial void LogThrottled(Guid notificationId, string recipient, long retryInMs, string error);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning,
        Message = "Notification {NotificationId}: the lease ran out before its outcome ({Status}) was written; the worker that re-claimed it owns the row now")]
    private partial void LogLeaseLost(Guid notificationId, string status);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning,
        Message = "{Count} claimed notification(s) could not be handed back ({Reason}); they are re-claimed when their lease runs out")]
    private partial void LogReleaseFailed(int count, string reason);
}
