using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Search;
using OpsCopilot.Web.Features.Account;

namespace OpsCopilot.Web.Features.Conversations;

/// <summary>
/// Operator actions on the signed-in tenant's conversations: list threads (paged on the server), reset a thread's
/// chat state, unblock one message id. Writes take JSON bodies only (with the SameSite cookie, no cross-site form
/// can send them).
/// </summary>
public static class ConversationsApi
{
    public sealed record ThreadItem(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("wa_user_id")] string WaUserId,
        [property: JsonPropertyName("identity_id")] Guid? IdentityId,
        [property: JsonPropertyName("user_email")] string? UserEmail,
        [property: JsonPropertyName("user_display_name")] string? UserDisplayName,
        [property: JsonPropertyName("state")] JsonElement State,
        [property: JsonPropertyName("last_inbound_at")] DateTimeOffset? LastInboundAt,
        [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

    public sealed record ThreadList(
        [property: JsonPropertyName("items")] IReadOnlyList<ThreadItem> Items,
        [property: JsonPropertyName("page")] int Page,
        [property: JsonPropertyName("page_size")] int PageSize,
        [property: JsonPropertyName("total")] int Total);

    public sealed record ResetThreadRequest([property: JsonPropertyName("reason")][MaxLength(500)] string? Reason);

    public sealed record ResetThreadResponse(
        [property: JsonPropertyName("thread_id")] Guid ThreadId,
        [property: JsonPropertyName("state")] JsonElement State);

    public sealed record UnblockMessageRequest([property: JsonPropertyName("message_id")][Required, MaxLength(256)] string? MessageId);

    public sealed record UnblockMessageResponse(
        [property: JsonPropertyName("message_id")] string MessageId,
        [property: JsonPropertyName("unblocked")] int Unblocked);

    public const int DefaultPageSize = 25;

    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Conversations")
            .RequireAuthorization(Permissions.ConversationsManage);
        group.MapGet("/threads", ListThreadsAsync);
        group.MapPost("/threads/{threadId:guid}/reset", ResetThreadAsync);
        group.MapPost("/unblock", UnblockMessageAsync);
        return api;
    }

    private static async Task<Results<Ok<ThreadList>, ProblemHttpResult>> ListThreadsAsync(
        ConversationAdministration conversations, CancellationToken cancellationToken, int? page = null, int? pageSize = null, string? search = null)
    {
        var pageNumber = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (pageNumber < 1)
            return InvalidQuery("page", "page starts at 1.");
        if (size is < 1 or > ConversationAdministration.MaxPageSize)
            return InvalidQuery("pageSize", $"pageSize must be between 1 and {ConversationAdministration.MaxPageSize}.");

        if (search?.Trim().Length > SearchText.MaxLength)
            return InvalidQuery("search", $"search must be at most {SearchText.MaxLength} characters.");

        var result = await conversations.ListThreadsAsync(search, pageNumber, size, cancellationToken);
        var items = result.Items.Select(t => new ThreadItem(t.Id, t.WaUserId, t.IdentityId, t.UserEmail, t.UserDisplayName,
            ParseState(t.State), t.LastInboundAt, t.UpdatedAt)).ToList();
        return TypedResults.Ok(new ThreadList(items, result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ResetThreadResponse>, ProblemHttpResult>> ResetThreadAsync(
        Guid threadId, ResetThreadRequest request, ConversationAdministration conversations, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await conversations.ResetThreadAsync(threadId, http.User.UserId(), request.Reason, cancellationToken))
            return TypedResults.Problem($"No thread {threadId} in your tenant.", statusCode: StatusCodes.Status404NotFound, title: "Thread not found");
        return TypedResults.Ok(new ResetThreadResponse(threadId, ParseState("{}")));
    }

    private static async Task<Results<Ok<UnblockMessageResponse>, ProblemHttpResult>> UnblockMessageAsync(
        UnblockMessageRequest request, ConversationAdministration conversations, HttpContext http, CancellationToken cancellationToken)
    {
        var messageId = request.MessageId?.Trim();
        if (string.IsNullOrEmpty(messageId))
            return TypedResults.Problem("message_id is required.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                extensions: new Dictionary<string, object?> { ["field"] = "message_id" });

        var unblocked = await conversations.UnblockMessageAsync(messageId, http.User.UserId(), "api", cancellationToken);
        if (unblocked == 0)
            return TypedResults.Problem($"No processed message '{messageId}' is recorded for your tenant (it may have been purged already).",
                statusCode: StatusCodes.Status404NotFound, title: "Message not found");
        return TypedResults.Ok(new UnblockMessageResponse(messageId, unblocked));
    }

    private static ProblemHttpResult InvalidQuery(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid query",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    private static JsonElement ParseState(string state)
    {
        using var document = JsonDocument.Parse(state);
        return document.RootElement.Clone();
    }
}
