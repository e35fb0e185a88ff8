using System.ComponentModel;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>The operator's outbox API for the signed-in user's tenant: list, counts, retry one, drain all failed.</summary>
public static class NotificationsApi
{
    /// <summary>Under the /api/v1/ops group: cookie-authenticated, JSON-only writes (the API's CSRF defence).</summary>
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder ops)
    {
        var group = ops.MapGroup("/notifications")
            .WithTags("Notifications")
            .RequireAuthorization(Permissions.NotificationsManage);
        group.MapGet("/", ListAsync);
        group.MapGet("/counts", CountsAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/retry", RetryAsync);
        group.MapPost("/drain", DrainAsync);
        return ops;
    }

    private static async Task<Ok<ApiPage<NotificationView>>> ListAsync(
        NotificationAdministration notifications, [AsParameters] PageQuery paging, CancellationToken cancellationToken,
        [FromQuery, Description("Only notifications in this status (queued, sending, sent, delivered, read, failed, dead).")] string? status = null)
    {
        if (status is not null && !NotificationStatus.All.Contains(status))
            throw OpsException.Invalid("status", $"status must be one of {string.Join(", ", NotificationStatus.All)}.");
        var (page, size) = paging.Normalize();

        var result = await notifications.ListAsync(status, page, size, cancellationToken);
        return TypedResults.Ok(ApiPage.From(result, NotificationView.From));
    }

    private static async Task<Ok<IReadOnlyDictionary<string, int>>> CountsAsync(NotificationAdministration notifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(await notifications.CountByStatusAsync(cancellationToken));

    private static async Task<Ok<NotificationView>> GetAsync(
        Guid id, NotificationAdministration notifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(NotificationView.From(await notifications.FindAsync(id, cancellationToken) ?? throw NotFound(id)));

    private static async Task<Ok<NotificationView>> RetryAsync(
        Guid id, NotificationAdministration notifications, OutboxSignal outbox, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await notifications.RetryAsync(id, http.User.UserId(), cancellationToken);
        switch (result.Outcome)
        {
            case RetryOutcome.NotFound:
                throw NotFound(id);
            case RetryOutcome.NotRetryable:
                throw OpsException.Conflict($"Only failed or dead notifications can be retried; this one is {result.Notification!.Status}.");
            default:
                outbox.Nudge();
                return TypedResults.Ok(NotificationView.From((await notifications.FindAsync(id, cancellationToken))!));
        }
    }

    private static async Task<Ok<DrainResponse>> DrainAsync(
        NotificationAdministration notifications, OutboxSignal outbox, HttpContext http, CancellationToken cancellationToken)
    {
        var drained = await notifications.DrainFailedAsync(http.User.UserId(), "api", cancellationToken);
        if (drained > 0) outbox.Nudge();
        return TypedResults.Ok(new DrainResponse(drained));
    }

    private static OpsException NotFound(Guid id) => new(OpsErrorKind.NotFound, $"Notification {id} does not exist in this tenant.");
}

public sealed record DrainResponse([property: JsonPropertyName("drained")] int Drained);

/// <summary>A notification as operators see it; the recipient is masked like in logs (the driver id links to the person).</summary>
public sealed record NotificationView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("draft_id")] Guid? DraftId,
    [property: JsonPropertyName("driver_id")] Guid? DriverId,
    [property: JsonPropertyName("recipient")] string Recipient,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("template_name")] string? TemplateName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("retry_count")] int RetryCount,
    [property: JsonPropertyName("next_attempt_at")] DateTimeOffset NextAttemptAt,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("provider_message_id")] string? ProviderMessageId,
    [property: JsonPropertyName("sent_at")] DateTimeOffset? SentAt,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    public static NotificationView From(Notification n) => new(
        n.Id, n.DraftId, n.DriverId, PhoneNumbers.Mask(n.RecipientPhone), n.Kind, n.TemplateName, n.Status, n.RetryCount,
        n.NextAttemptAt, n.LastError, n.ProviderMessageId, n.SentAt, n.CreatedAt, n.UpdatedAt);
}
