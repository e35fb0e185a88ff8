using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// POST /api/v1/ops/whatsapp/status: the gateway reports what became of a message it accepted,
/// {"message_id": "&lt;provider id&gt;", "status": "delivered|read|failed", "error": "…"}. Signed exactly like
/// the ingest webhook. Status only moves forward (ops.apply_delivery_status); an unknown id or a step back
/// is answered 200 "ignored", so the gateway does not retry it forever.
/// </summary>
public static partial class DeliveryStatusEndpoint
{
    public static readonly IReadOnlyList<string> AcceptedStatuses =
        [NotificationStatus.Sent, NotificationStatus.Delivered, NotificationStatus.Read, NotificationStatus.Failed];

    public static IEndpointRouteBuilder MapDeliveryStatusEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/ops/whatsapp/status", HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("WhatsApp");
        return app;
    }

    public sealed record DeliveryStatusRequest(
        [property: JsonPropertyName("message_id")] string? MessageId,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("error")] string? Error);

    public sealed record DeliveryStatusResponse(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message_id")] string MessageId,
        [property: JsonPropertyName("updated")] int Updated);

    private static async Task<IResult> HandleAsync(HttpContext http, IOptions<WebhookOptions> webhook, OpsDbContext db,
        WebhookSignatureVerifier verifier, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = webhook.Value;
        if (string.IsNullOrWhiteSpace(settings.Secret))
            return TypedResults.Problem("The webhook secret is not configured.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not configured");

        var body = await ReadBodyAsync(http.Request, settings.MaxBodyBytes, cancellationToken);
        if (body is null)
            return TypedResults.Problem($"The body is larger than {settings.MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

        var check = verifier.Verify(body,
            name => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            new WebhookSecrets(settings.Secret, settings.PreviousSecret), TimeSpan.FromSeconds(settings.ToleranceSeconds));
        if (!check.IsValid)
            return TypedResults.Json(new { error = check.Failure == SignatureFailure.StaleTimestamp ? "stale_timestamp" : "invalid_signature" },
                statusCode: StatusCodes.Status401Unauthorized);

        DeliveryStatusRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<DeliveryStatusRequest>(body);
        }
        catch (JsonException)
        {
            return Invalid("The body is not valid JSON.");
        }
        if (request is null) return Invalid("The body must be a JSON object.");
        if (string.IsNullOrWhiteSpace(request.MessageId)) return Invalid("message_id is required.");
        if (request.Status is null || !AcceptedStatuses.Contains(request.Status))
            return Invalid($"status must be one of {string.Join(", ", AcceptedStatuses)}.");

        int updated;
        try
        {
            updated = await DeliveryStatusUpdates.ApplyAsync(db, request.MessageId, request.Status, request.Error, cancellationToken);
        }
        catch (Npgsql.NpgsqlException)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The database is not reachable; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable");
        }

        var logger = loggers.CreateLogger(typeof(DeliveryStatusEndpoint));
        LogStatus(logger, request.MessageId, request.Status, updated);
        return TypedResults.Ok(new DeliveryStatusResponse(updated > 0 ? "applied" : "ignored", request.MessageId, updated));
    }

    /// <summary>The raw bytes, as signed; null when the body exceeds the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid status callback");

    [LoggerMessage(EventId = 4620, EventName = "NOTIFY_STATUS", Level = LogLevel.Information,
        Message = "NOTIFY_STATUS {ProviderMessageId} → {Status} ({Updated} row(s) changed)")]
    private static partial void LogStatus(ILogger logger, string providerMessageId, string status, int updated);
}
