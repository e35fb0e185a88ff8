using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Search;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Hosting;

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

    public sealed record ResetThreadRequest([property: JsonPropertyName("reason")][MaxLength(500)] string? Reason);

    public sealed record ResetThreadResponse(
        [property: JsonPropertyName("thread_id")] Guid ThreadId,
        [property: JsonPropertyName("state")] JsonElement State);

    public sealed record UnblockMessageRequest([property: JsonPropertyName("message_id")][Required, MaxLength(256)] string? MessageId);

    public sealed record UnblockMessageResponse(
        [property: JsonPropertyName("message_id")] string MessageId,
        [property: JsonPropertyName("unblocked")] int Unblocked);

    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Conversations")
            .RequireAuthorization(Permissions.ConversationsManage);
        group.MapGet("/threads", ListThreadsAsync);
        group.MapPost("/threads/{thread_id:guid}/reset", ResetThreadAsync);
        group.MapPost("/unblock", UnblockMessageAsync);
        return api;
    }

    private static async Task<Ok<ApiPage<ThreadItem>>> ListThreadsAsync(
        ConversationAdministration conversations, [AsParameters] PageQuery paging, CancellationToken cancellationToken,
        [Description("Only threads whose driver or user name, phone or messages contain this text.")] string? search = null)
    {
        var (page, size) = paging.Normalize();
        if (search?.Trim().Length > SearchText.MaxLength)
            throw OpsException.Invalid("search", $"search must be at most {SearchText.MaxLength} characters.");
        var result = await conversations.ListThreadsAsync(search, page, size, cancellationToken);
        return TypedResults.Ok(ApiPage.From(result, t => new ThreadItem(t.Id, t.WaUserId, t.IdentityId, t.UserEmail, t.UserDisplayName,
            ParseState(t.State), t.LastInboundAt, t.UpdatedAt)));
    }

    private static async Task<Ok<ResetThreadResponse>> ResetThreadAsync(
        [FromRoute(Name = "thread_id")] Guid threadId, ResetThreadRequest request, ConversationAdministration conversations, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!await conversations.ResetThreadAsync(threadId, http.User.UserId(), request.Reason, cancellationToken))
            throw new OpsException(OpsErrorKind.NotFound, $"No thread {threadId} in your tenant.");
        return TypedResults.Ok(new ResetThreadResponse(threadId, ParseState("{}")));
    }

    private static async Task<Ok<UnblockMessageResponse>> UnblockMessageAsync(
        UnblockMessageRequest request, ConversationAdministration conversations, HttpContext http, CancellationToken cancellationToken)
    {
        var messageId = request.MessageId?.Trim();
        if (string.IsNullOrEmpty(messageId)) throw OpsException.Invalid("message_id", "message_id is required.");

        var unblocked = await conversations.UnblockMessageAsync(messageId, http.User.UserId(), "api", cancellationToken);
        if (unblocked == 0)
            throw new OpsException(OpsErrorKind.NotFound,
                $"No processed message '{messageId}' is recorded for your tenant (it may have been purged already).");
        return TypedResults.Ok(new UnblockMessageResponse(messageId, unblocked));
    }

    private static JsonElement ParseState(string state)
    {
        using var document = JsonDocument.Parse(state);
        return document.RootElement.Clone();
    }
}
