using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Tickets;

public static class TicketsApi
{
    public sealed record TicketDto(long Id, int TicketNumber, string Title, string Description, string? VehiclePlate, string Status,
        Guid? DraftId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static TicketDto From(Ticket t) => new(t.Id, t.TicketNumber, t.Title, t.Description, t.VehiclePlate, t.Status, t.DraftId, t.CreatedAt, t.UpdatedAt);
    }

    public sealed record StatusRequest([Required, MaxLength(20)] string Status);

    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", ListAsync).RequireAuthorization(Permissions.TicketsView);
        tickets.MapGet("/{number:int}", GetAsync).RequireAuthorization(Permissions.TicketsView);
        tickets.MapPost("/{number:int}/status", ChangeStatusAsync).RequireAuthorization(Permissions.TicketsManage);
        return api;
    }

    private static async Task<Ok<ApiPage<TicketDto>>> ListAsync(TicketService tickets, [AsParameters] PageQuery paging, CancellationToken ct,
        [Description("Only tickets in this status (e.g. OPEN).")] string? status = null,
        [Description("Number, title, description, plate, or the requester's name or phone, as on the Tickets page.")] string? search = null)
    {
        var (page, size) = paging.Normalize();
        return TypedResults.Ok(ApiPage.From(await tickets.SearchAsync(status?.ToUpperInvariant(), search, page, size, ct), i => TicketDto.From(i.Ticket)));
    }

    private static async Task<Ok<TicketDto>> GetAsync(int number, TicketService tickets, CancellationToken ct) =>
        TypedResults.Ok(TicketDto.From(await tickets.FindByNumberAsync(number, ct) ?? throw OpsException.NotFound($"Ticket #{number}")));

    private static async Task<Ok<TicketDto>> ChangeStatusAsync(int number, StatusRequest request, TicketService tickets, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(TicketDto.From(await tickets.ChangeStatusAsync(number, request.Status.Trim().ToUpperInvariant(), user.UserId(), ct)));
}
