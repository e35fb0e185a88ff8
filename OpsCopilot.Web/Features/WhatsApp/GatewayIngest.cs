using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>
/// POST /api/v1/ops/whatsapp/ingest (docs/webhook.md): raw bytes, then signature, then JSON, then sender, then the
/// exactly-once pipeline. Every refusal is decided before anything is written.
/// </summary>
public sealed partial class GatewayIngest(
    IOptionsMonitor<WebhookOptions> options,
    WebhookSignatureVerifier verifier,
    IngestPipeline pipeline,
    InboundPayloadLog payloadLog,
    WhatsAppMetrics metrics,
    TimeProvider clock,
    ILogger<GatewayIngest> logger)
{
    public const string RequestIdHeader = "X-Request-Id";
    private const string Channel = MessageChannels.Gateway;

    public async Task<Results<Ok<IngestAccepted>, Ok<IngestIgnored>, ProblemHttpResult>> HandleAsync(HttpContext http)
    {
        var started = clock.GetTimestamp();
        var (result, outcome) = await HandleCoreAsync(http);
        var status = (result.Result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        metrics.RequestCompleted(Channel, outcome, status, clock.GetElapsedTime(started));
        return result;
    }

    private async Task<(Results<Ok<IngestAccepted>, Ok<IngestIgnored>, ProblemHttpResult>, string Outcome)> HandleCoreAsync(HttpContext http)
    {
        var settings = options.CurrentValue;
        var body = await RawBody.ReadAsync(http.Request, settings.MaxBodyBytes, http.RequestAborted);
        switch (body.Status)
        {
            case RawBodyStatus.TooLarge:
                return (WebhookProblems.TooLarge(settings.MaxBodyBytes), "too_large");
            case RawBodyStatus.Incomplete:
                return (WebhookProblems.IncompleteBody(), "incomplete_body");
        }

        if (!TryVerify(http.Request, body.Bytes, settings, out var check))
            return (WebhookProblems.WebhookSecretMissing(), "not_configured");
        if (!check.IsValid)
        {
            LogRejected(logger, check.Failure, check.Scheme);
            return (WebhookProblems.Unauthorized(check.Failure),
                check.Failure == SignatureFailure.StaleTimestamp ? "stale_timestamp" : "invalid_signature");
        }

        if (check.UsedPreviousSecret) LogPreviousSecret(logger, check.Scheme);

        if (!GatewayPayload.TryParse(body.Bytes, out var payload, out var error))
            return (WebhookProblems.InvalidField(error.Field, error.Detail), "invalid_payload");

        if (!PhoneNumbers.TryNormalize(payload.From, out var waUserId))
        {
            metrics.InvalidSender(Channel);
            LogInvalidSender(logger, ShapeOf(payload.From));
            return (TypedResults.Ok(IngestIgnored.InvalidSender), "invalid_sender");
        }

        var requestId = http.Request.Headers[RequestIdHeader].ToString();
        if (requestId.Length > GatewayPayload.MaxIdLength)
            return (WebhookProblems.InvalidField(RequestIdHeader,
                $"'{RequestIdHeader}' must not be longer than {GatewayPayload.MaxIdLength} characters."), "invalid_payload");

        OpsTracing.TagMessage(requestId, payload.MessageId);
        var key = IdempotencyKeys.For(requestId, payload.MessageId, waUserId, payload.Timestamp ?? SignedTimestamp(http.Request, check), payload.Body);
        // The signature covers the timestamp header and the raw body: the same signed bytes are the same delivery,
        // whatever X-Request-Id (unsigned) says.
        var keys = new IngestKeys(key, payload.MessageId, IdempotencyKeys.SignedContentHash(SignedTimestamp(http.Request, check), body.Bytes.Span));
        var message = new InboundMessage(Channel, waUserId, payload.Body, payload.MessageId, payload.Name, clock.GetUtcNow());

        IngestResult result;
        try
        {
            // Not the request's abort token: once started, a message is finished and recorded, so the gateway's
            // retry after a dropped connection gets the stored reply instead of a half-done second attempt.
            var delivery = options.CurrentValue.RepliesViaOutbox ? ReplyDelivery.Outbox : ReplyDelivery.InResponse;
            result = await pipeline.ProcessAsync(message, keys, delivery, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            metrics.MessageFailed(Channel, "database_unavailable");
            LogDatabaseUnavailable(logger, PhoneNumbers.Mask(waUserId), SensitiveText.Mask(payload.MessageId), ex.GetType().Name, SensitiveText.Mask(ex.Message));
            http.Response.Headers.RetryAfter = WebhookProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (WebhookProblems.DatabaseUnavailable(), "database_unavailable");
        }
        catch (Exception ex)
        {
            metrics.MessageFailed(Channel, "processing_error");
            // The exception text may quote the message (router errors, database details): masked like everything logged.
            LogProcessingFailed(logger, PhoneNumbers.Mask(waUserId), SensitiveText.Mask(payload.MessageId), SensitiveText.Mask(ex.ToString()));
            return (WebhookProblems.ProcessingFailed(), "processing_error");
        }

        metrics.MessageProcessed(Channel, result.IsDuplicate);
        LogHandled(logger, result.IsDuplicate ? IngestAccepted.Duplicate : IngestAccepted.Processed, PhoneNumbers.Mask(waUserId), SensitiveText.Mask(payload.MessageId));
        await payloadLog.MaybeStoreAsync(Channel, waUserId, result.TenantId, body.Bytes);
        var accepted = IngestAccepted.From(result);
        return (TypedResults.Ok(accepted), accepted.Status);
    }

    /// <returns>false when no secret is configured (only possible in Development).</returns>
    private bool TryVerify(HttpRequest request, ReadOnlyMemory<byte> body, WebhookOptions settings, [NotNullWhen(true)] out SignatureCheck? check)
    {
        check = null;
        if (string.IsNullOrWhiteSpace(settings.Secret)) return false;
        check = verifier.Verify(body.Span, name => Header(request, name), new WebhookSecrets(settings.Secret, settings.PreviousSecret),
            TimeSpan.FromSeconds(settings.ToleranceSeconds));
        return true;
    }

    /// <summary>
    /// An unusable sender as logs may show it: every digit hidden, since a number glued to other characters is
    /// still someone's number. Enough to recognise spam patterns ("whatsapp:************x").
    /// </summary>
    private static string ShapeOf(string from) =>
        new(from.Take(40).Select(c => char.IsDigit(c) ? '*' : char.IsControl(c) ? '?' : c).ToArray());

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Without a timestamp in the payload, the signed one distinguishes two identical texts of one sender.</summary>
    private static string? SignedTimestamp(HttpRequest request, SignatureCheck check) =>
        Header(request, check.Scheme == WebhookScheme.StandardWebhooks ? WebhookHeaders.StandardTimestamp : WebhookHeaders.ClawdbotTimestamp);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Gateway webhook rejected: {Failure} ({Scheme})")]
    private static partial void LogRejected(ILogger logger, SignatureFailure failure, WebhookScheme scheme);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Gateway webhook signed with the previous secret ({Scheme}); the rotation is not finished")]
    private static partial void LogPreviousSecret(ILogger logger, WebhookScheme scheme);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Gateway message ignored: sender {Sender} is not a phone number")]
    private static partial void LogInvalidSender(ILogger logger, string sender);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Gateway message {MessageId} from {Sender}: {Outcome}")]
    private static partial void LogHandled(ILogger logger, string outcome, string sender, string? messageId);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Warning, Message = "Gateway message {MessageId} from {Sender} not processed, database unavailable ({Error}: {Detail}); answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string sender, string? messageId, string error, string detail);

    [LoggerMessage(EventId = 9106, Level = LogLevel.Error, Message = "Gateway message {MessageId} from {Sender} failed; rolled back: {Failure}")]
    private static partial void LogProcessingFailed(ILogger logger, string sender, string? messageId, string failure);
}
