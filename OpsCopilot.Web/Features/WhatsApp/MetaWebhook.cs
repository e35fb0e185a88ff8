using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.Operations.Retention;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>What a Cloud API delivery amounted to. Meta only looks at the 200.</summary>
public sealed record MetaReceipt(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("processed")] int Processed,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("ignored")] int Ignored,
    [property: JsonPropertyName("statuses_applied")] int StatusesApplied);

/// <summary>
/// The WhatsApp Cloud API channel (docs/webhook.md, "WhatsApp Cloud API"): the subscription handshake, and deliveries signed
/// with X-Hub-Signature-256 whose messages take the gateway's exactly-once pipeline (key: the wamid) and whose
/// statuses move outbox notifications forward.
/// </summary>
public sealed partial class MetaWebhook(
    IOptionsMonitor<MetaOptions> options,
    IngestPipeline pipeline,
    InboundPayloadLog payloadLog,
    WhatsAppMetrics metrics,
    IServiceScopeFactory scopes,
    IOptionsMonitor<RetentionOptions> retention,
    TimeProvider clock,
    ILogger<MetaWebhook> logger)
{
    private const string Channel = MessageChannels.Meta;
    private const int MaxChallengeLength = 256;

    /// <summary>GET: echo hub.challenge when hub.mode=subscribe and hub.verify_token matches (constant time).</summary>
    public Results<ContentHttpResult, ProblemHttpResult> Verify(HttpContext http)
    {
        var verifyToken = options.CurrentValue.VerifyToken;
        if (string.IsNullOrEmpty(verifyToken))
            return WebhookProblems.NotConfigured("The WhatsApp Cloud API channel has no verify token (OpsCopilot:Meta:VerifyToken).");

        var query = http.Request.Query;
        var challenge = query["hub.challenge"].ToString();
        if (query["hub.mode"] != "subscribe" || !SecretComparison.FixedTimeEquals(verifyToken, query["hub.verify_token"].ToString())
            || challenge.Length is 0 or > MaxChallengeLength)
        {
            LogHandshakeRefused(logger);
            return WebhookProblems.Problem(StatusCodes.Status403Forbidden, "verification_failed", "Verification failed",
                "hub.mode must be 'subscribe' and hub.verify_token must match the configured token.");
        }

        // The challenge is echoed verbatim; as plain text that browsers must not sniff, it cannot become markup.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(challenge, "text/plain");
    }

    /// <summary>POST: a signed delivery of messages and/or statuses.</summary>
    public async Task<Results<Ok<MetaReceipt>, ProblemHttpResult>> ReceiveAsync(HttpContext http)
    {
        var started = clock.GetTimestamp();
        var (result, outcome) = await ReceiveCoreAsync(http);
        var status = (result.Result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        metrics.RequestCompleted(Channel, outcome, status, clock.GetElapsedTime(started));
        return result;
    }

    private async Task<(Results<Ok<MetaReceipt>, ProblemHttpResult>, string Outcome)> ReceiveCoreAsync(HttpContext http)
    {
        var settings = options.CurrentValue;
        if (!settings.ReceivesMessages)
            return (WebhookProblems.NotConfigured("The WhatsApp Cloud API channel has no app secret (OpsCopilot:Meta:AppSecret)."), "not_configured");

        var body = await RawBody.ReadAsync(http.Request, settings.MaxBodyBytes, http.RequestAborted);
        switch (body.Status)
        {
            case RawBodyStatus.TooLarge:
                return (WebhookProblems.TooLarge(settings.MaxBodyBytes), "too_large");
            case RawBodyStatus.Incomplete:
                return (WebhookProblems.IncompleteBody(), "incomplete_body");
        }

        var check = MetaSignatureVerifier.Verify(body.Bytes.Span, http.Request.Headers[WebhookHeaders.MetaSignature].FirstOrDefault(), settings.AppSecret!);
        if (!check.IsValid)
        {
            LogRejected(logger, check.Failure);
            return (WebhookProblems.Unauthorized(check.Failure), "invalid_signature");
        }

        if (!MetaPayload.TryParse(body.Bytes, out var payload, out var error))
            return (WebhookProblems.InvalidField(error.Field, error.Detail), "invalid_payload");

        try
        {
            var statusesApplied = await ApplyStatusesAsync(payload.Statuses);
            var (processed, duplicates, ignored, firstSender) = await ProcessMessagesAsync(payload.Messages);
            await payloadLog.MaybeStoreAsync(Channel, firstSender?.WaUserId, firstSender?.TenantId, body.Bytes);
            return (TypedResults.Ok(new MetaReceipt("ok", processed, duplicates, ignored, statusesApplied)), "accepted");
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            // Meta redelivers on anything but 200; what was already committed answers as duplicate then.
            metrics.MessageFailed(Channel, "database_unavailable");
            LogDatabaseUnavailable(logger, ex.GetType().Name, SensitiveText.Mask(ex.Message));
            http.Response.Headers.RetryAfter = WebhookProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return (WebhookProblems.DatabaseUnavailable(), "database_unavailable");
        }
        catch (Exception ex)
        {
            metrics.MessageFailed(Channel, "processing_error");
            LogProcessingFailed(logger, SensitiveText.Mask(ex.ToString()));
            return (WebhookProblems.ProcessingFailed(), "processing_error");
        }
    }

    private async Task<int> ApplyStatusesAsync(IReadOnlyList<MetaStatusReceipt> receipts)
    {
        if (receipts.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var applied = 0;
        foreach (var receipt in receipts)
            applied += await DeliveryStatusUpdates.ApplyAsync(db, receipt.Id, receipt.Status, receipt.Error, CancellationToken.None);
        return applied;
    }

    private async Task<(int Processed, int Duplicates, int Ignored, (string WaUserId, int? TenantId)? FirstSender)> ProcessMessagesAsync(
        IReadOnlyList<MetaInboundMessage> messages)
    {
        int processed = 0, duplicates = 0, ignored = 0;
        (string WaUserId, int? TenantId)? firstSender = null;
        foreach (var inbound in messages)
        {
            if (!PhoneNumbers.TryNormalize(inbound.From, out var waUserId))
            {
                metrics.InvalidSender(Channel);
                LogIgnored(logger, "invalid_sender", SensitiveText.Mask(inbound.Id));
                ignored++;
                continue;
            }

            if (string.IsNullOrWhiteSpace(inbound.Body) || inbound.Id is { Length: > GatewayPayload.MaxIdLength })
            {
                // Stickers, locations, reactions …: nothing the copilot can read.
                LogIgnored(logger, "unsupported_message", SensitiveText.Mask(inbound.Id));
                ignored++;
                continue;
            }

            if (!IsFresh(inbound.Timestamp))
            {
                // Meta signs no timestamp and dedup keys are purged after the retention period: a captured delivery
                // replayed later than that would be new again. Meta itself gives up retrying well before.
                LogIgnored(logger, "stale_message", SensitiveText.Mask(inbound.Id));
                ignored++;
                continue;
            }

            var message = new InboundMessage(Channel, waUserId, inbound.Body, inbound.Id, inbound.Name, clock.GetUtcNow());
            var key = IdempotencyKeys.For(null, inbound.Id, waUserId, inbound.Timestamp, inbound.Body);
            var result = await pipeline.ProcessAsync(message, new IngestKeys(key, inbound.Id, null), ReplyDelivery.Outbox, CancellationToken.None);
            metrics.MessageProcessed(Channel, result.IsDuplicate);
            LogHandled(logger, SensitiveText.Mask(inbound.Id), PhoneNumbers.Mask(waUserId), result.IsDuplicate ? IngestAccepted.Duplicate : IngestAccepted.Processed);
            if (result.IsDuplicate) duplicates++;
            else processed++;
            firstSender ??= (waUserId, result.TenantId);
        }

        return (processed, duplicates, ignored, firstSender);
    }

    /// <summary>
    /// A message is fresh while its dedup key is certainly still kept: its own timestamp is younger than the dedup
    /// retention less an hour of margin for clock skew. A message without a readable timestamp cannot be judged.
    /// </summary>
    private bool IsFresh(string? timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        var maxAge = TimeSpan.FromDays(retention.CurrentValue.IngestDedupDays) - TimeSpan.FromHours(1);
        return clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) <= maxAge;
    }

    [LoggerMessage(EventId = 9121, Level = LogLevel.Warning, Message = "Cloud API subscription handshake refused")]
    private static partial void LogHandshakeRefused(ILogger logger);

    [LoggerMessage(EventId = 9122, Level = LogLevel.Warning, Message = "Cloud API webhook rejected: {Failure}")]
    private static partial void LogRejected(ILogger logger, SignatureFailure failure);

    [LoggerMessage(EventId = 9123, Level = LogLevel.Information, Message = "Cloud API message {MessageId} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason, string messageId);

    [LoggerMessage(EventId = 9124, Level = LogLevel.Information, Message = "Cloud API message {MessageId} from {Sender}: {Outcome}")]
    private static partial void LogHandled(ILogger logger, string messageId, string sender, string outcome);

    [LoggerMessage(EventId = 9125, Level = LogLevel.Warning, Message = "Cloud API delivery not processed, database unavailable ({Error}: {Detail}); answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string error, string detail);

    [LoggerMessage(EventId = 9126, Level = LogLevel.Error, Message = "Cloud API delivery failed; the current message was rolled back: {Failure}")]
    private static partial void LogProcessingFailed(ILogger logger, string failure);
}
