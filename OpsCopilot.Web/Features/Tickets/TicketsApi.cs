using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Web.Features.Account;

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

    /// <summary>?status= and ?search= (number, title, description, plate, or the requester's name or phone) as on the Tickets page.</summary>
    private static async Task<Ok<Page<TicketDto>>> ListAsync(TicketService tickets, string? status, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await tickets.SearchAsync(status?.ToUpperInvariant(), search, p, size, ct);
        return TypedResults.Ok(new Page<TicketDto>(result.Items.Select(i => TicketDto.From(i.Ticket)).ToList(), result.Total, result.PageNumber, result.PageSize));
    }

    private static async Task<Ok<TicketDto>> GetAsync(int number, TicketService tickets, CancellationToken ct) =>
        TypedResults.Ok(TicketDto.From(await tickets.FindByNumberAsync(number, ct) ?? throw OpsException.NotFound($"Ticket #{number}")));

    private static async Task<Ok<TicketDto>> ChangeStatusAsync(int number, StatusRequest request, TicketService tickets, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(TicketDto.From(await tickets.ChangeStatusAsync(number, request.Status.Trim().ToUpperInvariant(), user.UserId(), ct)));
}
