using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.WhatsApp;

public sealed record DeliveryStatusRequest(
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>"applied" when a notification moved forward, "ignored" for an unknown id or older news.</summary>
public sealed record DeliveryStatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("updated")] int Updated);

/// <summary>
/// POST /api/v1/ops/whatsapp/status (docs/webhook.md, "Delivery status"): the gateway reports what became of a message
/// it accepted, <c>{"message_id": "&lt;provider id&gt;", "status": "sent|delivered|read|failed", "error": "…"}</c>.
/// Read, signed and refused like the ingest webhook (raw bytes, the same signature schemes, the same problems).
/// Status only moves forward (ops.apply_delivery_status); an unknown id or a step back is a 200 "ignored", so the gateway
/// does not retry it. 503 + Retry-After only while the database is unreachable; any other failure is a 500 the
/// gateway need not repeat.
/// </summary>
public sealed partial class DeliveryStatusWebhook(
    IOptionsMonitor<WebhookOptions> options,
    WebhookSignatureVerifier verifier,
    ILogger<DeliveryStatusWebhook> logger)
{
    public static readonly IReadOnlyList<string> AcceptedStatuses =
        [NotificationStatus.Sent, NotificationStatus.Delivered, NotificationStatus.Read, NotificationStatus.Failed];

    public async Task<Results<Ok<DeliveryStatusResponse>, ProblemHttpResult>> HandleAsync(HttpContext http, OpsDbContext db)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.Secret)) return WebhookProblems.WebhookSecretMissing();

        var body = await RawBody.ReadAsync(http.Request, settings.MaxBodyBytes, http.RequestAborted);
        switch (body.Status)
        {
            case RawBodyStatus.TooLarge:
                return WebhookProblems.TooLarge(settings.MaxBodyBytes);
            case RawBodyStatus.Incomplete:
                return WebhookProblems.IncompleteBody();
        }

        var check = verifier.Verify(body.Bytes.Span,
            name => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            new WebhookSecrets(settings.Secret, settings.PreviousSecret), TimeSpan.FromSeconds(settings.ToleranceSeconds));
        if (!check.IsValid)
        {
            LogRejected(logger, check.Failure, check.Scheme);
            return WebhookProblems.Unauthorized(check.Failure);
        }

        if (Parse(body.Bytes) is not { } request) return WebhookProblems.InvalidField("body", "The body must be a JSON object.");
        if (string.IsNullOrWhiteSpace(request.MessageId)) return WebhookProblems.InvalidField("message_id", "message_id is required.");
        if (request.Status is null || !AcceptedStatuses.Contains(request.Status))
            return WebhookProblems.InvalidField("status", $"status must be one of {string.Join(", ", AcceptedStatuses)}.");

        int updated;
        try
        {
            // Not the request's abort token: a receipt is small and idempotent, so it is finished once started.
            updated = await DeliveryStatusUpdates.ApplyAsync(db, request.MessageId, request.Status, request.Error, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            LogDatabaseUnavailable(logger, ex.GetType().Name, SensitiveText.Mask(ex.Message));
            http.Response.Headers.RetryAfter = WebhookProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return WebhookProblems.DatabaseUnavailable();
        }
        catch (Exception ex)
        {
            LogFailed(logger, SensitiveText.Mask(ex.ToString()));
            return WebhookProblems.ProcessingFailed();
        }

        LogStatus(logger, SensitiveText.Mask(request.MessageId), request.Status, updated);
        return TypedResults.Ok(new DeliveryStatusResponse(updated > 0 ? "applied" : "ignored", request.MessageId, updated));
    }

    private static DeliveryStatusRequest? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<DeliveryStatusRequest>(body.Span);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 4620, EventName = "NOTIFY_STATUS", Level = LogLevel.Information,
        Message = "NOTIFY_STATUS {ProviderMessageId} → {Status} ({Updated} row(s) changed)")]
    private static partial void LogStatus(ILogger logger, string providerMessageId, string status, int updated);

    [LoggerMessage(EventId = 4621, Level = LogLevel.Warning, Message = "Delivery status rejected: {Failure} ({Scheme})")]
    private static partial void LogRejected(ILogger logger, SignatureFailure failure, WebhookScheme scheme);

    [LoggerMessage(EventId = 4622, Level = LogLevel.Warning, Message = "Delivery status not applied, database unavailable ({Error}: {Detail}); answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string error, string detail);

    [LoggerMessage(EventId = 4623, Level = LogLevel.Error, Message = "Delivery status failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string failure);
}
