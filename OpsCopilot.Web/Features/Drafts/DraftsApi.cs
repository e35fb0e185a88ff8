using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Drafts;

public static class DraftsApi
{
    public sealed record DraftDto(Guid Id, string ActionType, string Status, string Preview, JsonNode? Payload, JsonNode? CommitResult,
        string? CommitError, Guid? ThreadId, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static DraftDto From(Draft d) => new(d.Id, d.ActionType, d.Status, d.Preview, JsonNode.Parse(d.Payload),
            d.CommitResult is null ? null : JsonNode.Parse(d.CommitResult), d.CommitError, d.ThreadId, d.ExpiresAt, d.CreatedAt, d.UpdatedAt);
    }

    public sealed record ConfirmRequest([Required] bool? Confirmed);
    public sealed record DecisionDto(Guid DraftId, string Status, JsonNode? CommitResult, string? Error);
    public sealed record EvidenceDto(Guid DraftId, string Status, int? TicketNumber, int NotificationCount, bool CommitEventExists,
        string Recommendation, IReadOnlyList<EventDto> Events);
    public sealed record EventDto(long Id, string EventType, JsonNode? Payload, DateTimeOffset CreatedAt);
    public sealed record FailRequest([MaxLength(500)] string? Reason);
    public sealed record TicketDraftRequest([Required, MaxLength(200)] string Title, [MaxLength(4000)] string? Description, [MaxLength(20)] string? VehiclePlate);
    public sealed record BroadcastDraftRequest([Required, MaxLength(64)] string TemplateKey, bool AllDrivers, List<Guid>? DriverIds,
        Dictionary<string, string>? Params);

    public static RouteGroupBuilder MapDraftsApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("/drafts").WithTags("Drafts");
        drafts.MapGet("/", ListAsync).RequireAuthorization(Permissions.DraftsView);
        drafts.MapGet("/stuck", StuckAsync).RequireAuthorization(Permissions.DraftsRecover);
        drafts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permissions.DraftsView);
        drafts.MapGet("/{id:guid}/evidence", EvidenceAsync).RequireAuthorization(Permissions.DraftsRecover);
        drafts.MapPost("/{id:guid}/confirm", ConfirmAsync).RequireAuthorization(Permissions.DraftsConfirm);
        drafts.MapPost("/{id:guid}/reset", ResetAsync).RequireAuthorization(Permissions.DraftsRecover);
        drafts.MapPost("/{id:guid}/fail", FailAsync).RequireAuthorization(Permissions.DraftsRecover);
        drafts.MapPost("/ticket", CreateTicketDraftAsync).RequireAuthorization(Permissions.DraftsConfirm);
        drafts.MapPost("/broadcast", CreateBroadcastDraftAsync).RequireAuthorization(Permissions.DraftsConfirm);
        return api;
    }

    private static async Task<Ok<ApiPage<DraftDto>>> ListAsync(DraftQueries queries, [AsParameters] PageQuery paging, CancellationToken ct,
        [Description("Only drafts in this status (PENDING_CONFIRM, COMMITTING, COMMITTED, CANCELLED, EXPIRED, FAILED).")] string? status = null)
    {
        var (page, size) = paging.Normalize();
        return TypedResults.Ok(ApiPage.From(await queries.ListAsync(status?.ToUpperInvariant(), page, size, ct), DraftDto.From));
    }

    private static async Task<Ok<List<DraftDto>>> StuckAsync(DraftRecoveryService recovery, CancellationToken ct) =>
        TypedResults.Ok((await recovery.ListStuckAsync(ct)).Select(DraftDto.From).ToList());

    private static async Task<Ok<DraftDto>> GetAsync(Guid id, DraftQueries queries, CancellationToken ct) =>
        TypedResults.Ok(DraftDto.From(await queries.GetAsync(id, ct)));

    private static async Task<Ok<EvidenceDto>> EvidenceAsync(Guid id, DraftRecoveryService recovery, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await recovery.GetEvidenceAsync(id, ct)));

    /// <summary>
    /// {"confirmed": true} commits (idempotently: a repeat returns the stored result); false cancels. A draft that is no
    /// longer pending answers 409 problem+json carrying draft_status (and commit_result once committed). The dispatcher
    /// who asked for the draft over WhatsApp is told the outcome through the outbox, in the decision's transaction.
    /// </summary>
    private static async Task<Ok<DecisionDto>> ConfirmAsync(
        Guid id, ConfirmRequest request, DraftDecisions decisions, TenantContext tenant, OutboxSignal outbox, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var decision = await decisions.DecideAsync(tenant.Required, id, request.Confirmed == true, user.UserId(), ct);
        var wanted = request.Confirmed == true ? DraftStatus.Committed : DraftStatus.Cancelled;
        // A broadcast's rows, or the message telling the dispatcher who asked: send them now, not at the next poll.
        if (decision.Committed || decision.RequesterTold is not null) outbox.Nudge();
        if (decision.Status != wanted) throw NotDecided(decision, request.Confirmed == true ? "confirmed" : "cancelled");
        return TypedResults.Ok(new DecisionDto(decision.DraftId, decision.Status, decision.CommitResult, decision.Error));
    }

    private static OpsException NotDecided(DraftDecision decision, string wanted) =>
        new(OpsErrorKind.Conflict, decision.Error ?? $"The draft is {decision.Status}; it cannot be {wanted} any more.", details: new Dictionary<string, object?>
        {
            ["draft_id"] = decision.DraftId,
            ["draft_status"] = decision.Status,
            ["commit_result"] = decision.CommitResult,
        });

    private static async Task<Ok<EvidenceDto>> ResetAsync(Guid id, DraftRecoveryService recovery, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await recovery.ResetAsync(id, user.UserId(), ct)));

    private static async Task<Ok<EvidenceDto>> FailAsync(Guid id, FailRequest request, DraftRecoveryService recovery, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await recovery.MarkFailedAsync(id, user.UserId(), request.Reason, ct)));

    private static async Task<Created<DraftDto>> CreateTicketDraftAsync(TicketDraftRequest request, DraftService drafts, ClaimsPrincipal user, CancellationToken ct)
    {
        var title = request.Title.Trim();
        if (title.Length == 0) throw OpsException.Invalid("title", "title must not be blank.");
        var draft = await drafts.CreateAsync(DraftActionType.CreateTicket, CreateTicketAction.Payload(title, request.Description ?? "", request.VehiclePlate),
            DraftTexts.TicketPreview(title), threadId: null, user.UserId(), ct);
        return TypedResults.Created($"/api/v1/ops/drafts/{draft.Id}", DraftDto.From(draft));
    }

    private static async Task<Created<DraftDto>> CreateBroadcastDraftAsync(BroadcastDraftRequest request, BroadcastPlanner planner, DraftService drafts,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (!request.AllDrivers && (request.DriverIds is null || request.DriverIds.Count == 0))
            throw OpsException.Invalid("driver_ids", "Name the drivers (driver_ids) or set all_drivers.");
        var plan = await planner.PlanAsync(request.TemplateKey, request.AllDrivers, request.DriverIds ?? [], request.Params ?? [], ct);
        var draft = await drafts.CreateAsync(DraftActionType.SendBroadcast, plan.ToPayload(), plan.Preview, threadId: null, user.UserId(), ct);
        return TypedResults.Created($"/api/v1/ops/drafts/{draft.Id}", DraftDto.From(draft));
    }

    private static EvidenceDto ToDto(DraftEvidence e) => new(e.DraftId, e.Status, e.TicketNumber, e.NotificationCount, e.CommitEventExists,
        e.Recommendation, e.Events.Select(ev => new EventDto(ev.Id, ev.EventType, JsonNode.Parse(ev.Payload), ev.CreatedAt)).ToList());
}
