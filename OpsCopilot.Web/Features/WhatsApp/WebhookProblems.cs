using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>
/// The webhook's error answers, all problem+json. Gateways key on the <c>error</c> member
/// (<c>invalid_signature</c>, <c>stale_timestamp</c>, …), people read title and detail.
/// </summary>
internal static class WebhookProblems
{
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult Unauthorized(SignatureFailure failure) => failure == SignatureFailure.StaleTimestamp
        ? Problem(StatusCodes.Status401Unauthorized, "stale_timestamp", "Stale timestamp",
            "The signed timestamp is outside the accepted window; check the sender's clock, or this is a replay.")
        : Problem(StatusCodes.Status401Unauthorized, "invalid_signature", "Invalid signature",
            failure switch
            {
                SignatureFailure.MissingHeaders => "The request is not signed.",
                SignatureFailure.MalformedHeaders => "The signature headers are malformed.",
                _ => "The signature does not match the request body.",
            });

    public static ProblemHttpResult TooLarge(int maxBytes) => Problem(StatusCodes.Status413PayloadTooLarge, "payload_too_large",
        "Payload too large", $"The request body must not exceed {maxBytes} bytes.");

    public static ProblemHttpResult IncompleteBody() => Problem(StatusCodes.Status400BadRequest, "incomplete_body",
        "Incomplete body", "The request body ended before its announced length.");

    public static ProblemHttpResult InvalidField(string field, string detail) => Problem(StatusCodes.Status400BadRequest, "invalid_payload",
        $"Invalid field '{field}'", detail, field);

    public static ProblemHttpResult NotConfigured(string detail) => Problem(StatusCodes.Status404NotFound, "channel_not_configured",
        "Channel not configured", detail);

    public static ProblemHttpResult WebhookSecretMissing() => Problem(StatusCodes.Status503ServiceUnavailable, "not_configured",
        "Webhook secret not configured", "Set CLAWDBOT_WEBHOOK_SECRET: no request can be authenticated without it.");

    /// <summary>
    /// The caller sets Retry-After. The database did not answer within its bound: the message was not processed, or its
    /// commit could not be confirmed — either way the retry is processed exactly once (a recorded one answers duplicate).
    /// </summary>
    public static ProblemHttpResult DatabaseUnavailable() => Problem(StatusCodes.Status503ServiceUnavailable, "database_unavailable",
        "Database unavailable", $"The message could not be processed now. Retry in {RetryAfterSeconds} seconds: the retry is processed exactly once.");

    public static ProblemHttpResult ProcessingFailed() => Problem(StatusCodes.Status500InternalServerError, "processing_failed",
        "Message not processed", "Handling the message failed; nothing was recorded, so a retry is processed normally.");

    public static ProblemHttpResult Problem(int status, string error, string title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["error"] = error };
        if (field is not null) extensions["field"] = field;
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
