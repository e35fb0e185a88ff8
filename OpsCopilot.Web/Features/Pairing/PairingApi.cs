using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Web.Features.Account;

namespace OpsCopilot.Web.Features.Pairing;

public static class PairingApi
{
    public sealed record CreateInviteRequest([Required] Guid? UserId);
    public sealed record InviteCreatedDto(Guid InviteId, string Otp, DateTimeOffset ExpiresAt, Guid UserId);
    public sealed record InviteDto(Guid InviteId, Guid UserId, string Status, DateTimeOffset ExpiresAt, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? UsedAt);

    public static RouteGroupBuilder MapPairingApi(this RouteGroupBuilder api)
    {
        var pairing = api.MapGroup("/pairing").WithTags("Pairing").RequireAuthorization(Permissions.PairingManage);
        pairing.MapPost("/invites", CreateInviteAsync);
        pairing.MapGet("/invites", ListInvitesAsync);
        pairing.MapPost("/invites/{id:guid}/revoke", RevokeInviteAsync);
        pairing.MapGet("/identities", ListIdentitiesAsync);
        pairing.MapPost("/identities/{id:guid}/revoke", RevokeIdentityAsync);
        return api;
    }

    /// <summary>The code is in this response only; the database keeps its HMAC.</summary>
    private static async Task<Created<InviteCreatedDto>> CreateInviteAsync(CreateInviteRequest request, PairingService pairing, ClaimsPrincipal user, CancellationToken ct)
    {
        var invite = await pairing.CreateInviteAsync(request.UserId!.Value, user.UserId(), ct);
        return TypedResults.Created($"/api/v1/ops/pairing/invites/{invite.InviteId}",
            new InviteCreatedDto(invite.InviteId, invite.Otp, invite.ExpiresAt, invite.UserId));
    }

    private static async Task<Ok<List<InviteDto>>> ListInvitesAsync(PairingService pairing, CancellationToken ct) =>
        TypedResults.Ok((await pairing.ListInvitesAsync(ct))
            .Select(i => new InviteDto(i.Id, i.UserId, i.Status, i.ExpiresAt, i.Attempts, i.CreatedAt, i.UsedAt)).ToList());

    private static async Task<NoContent> RevokeInviteAsync(Guid id, PairingService pairing, ClaimsPrincipal user, CancellationToken ct)
    {
        await pairing.RevokeInviteAsync(id, user.UserId(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<IdentityRow>>> ListIdentitiesAsync(PairingService pairing, CancellationToken ct) =>
        TypedResults.Ok(await pairing.ListIdentitiesAsync(ct));

    private static async Task<NoContent> RevokeIdentityAsync(Guid id, PairingService pairing, ClaimsPrincipal user, CancellationToken ct)
    {
        await pairing.RevokeIdentityAsync(id, user.UserId(), ct);
        return TypedResults.NoContent();
    }
}
