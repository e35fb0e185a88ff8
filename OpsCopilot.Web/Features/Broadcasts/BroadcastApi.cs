using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Web.Features.Account;

namespace OpsCopilot.Web.Features.Broadcasts;

public static class BroadcastApi
{
    public sealed record TemplateDto(Guid Id, string TemplateKey, string Audience, string BodyTemplate, IReadOnlyList<string> ExpectedParams,
        string? WaTemplateName, string Language, IReadOnlyList<string> Synonyms, bool IsApproved, bool IsActive, DateTimeOffset UpdatedAt)
    {
        public static TemplateDto From(BroadcastTemplate t) => new(t.Id, t.TemplateKey, t.Audience, t.BodyTemplate, t.ExpectedParams,
            t.WaTemplateName, t.Language, t.Synonyms, t.IsApproved, t.IsActive, t.UpdatedAt);
    }

    public sealed record TemplateRequest([Required, MaxLength(64)] string TemplateKey, [Required, MaxLength(1024)] string BodyTemplate,
        [Required] List<string> ExpectedParams, [MaxLength(128)] string? WaTemplateName, [MaxLength(10)] string? Language,
        List<string>? Synonyms, [MaxLength(20)] string? Audience)
    {
        public TemplateInput ToInput() => new(TemplateKey, BodyTemplate, ExpectedParams, WaTemplateName, Language, Synonyms, Audience);
    }

    public sealed record FlagsRequest(bool? IsApproved, bool? IsActive);

    public static RouteGroupBuilder MapBroadcastApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/broadcast/templates").WithTags("Broadcast templates");
        templates.MapGet("/", ListAsync).RequireAuthorization(Permissions.TemplatesView);
        templates.MapGet("/{key}", GetAsync).RequireAuthorization(Permissions.TemplatesView);
        templates.MapPost("/", CreateAsync).RequireAuthorization(Permissions.TemplatesManage);
        templates.MapPut("/{key}", UpdateAsync).RequireAuthorization(Permissions.TemplatesManage);
        templates.MapPost("/{key}/flags", SetFlagsAsync).RequireAuthorization(Permissions.TemplatesManage);
        return api;
    }

    private static async Task<Ok<List<TemplateDto>>> ListAsync(TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok((await templates.ListAsync(ct)).Select(TemplateDto.From).ToList());

    private static async Task<Ok<TemplateDto>> GetAsync(string key, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(TemplateDto.From(await templates.GetAsync(key, ct)));

    private static async Task<Created<TemplateDto>> CreateAsync(TemplateRequest request, TemplateService templates, ClaimsPrincipal user, CancellationToken ct)
    {
        var template = await templates.CreateAsync(request.ToInput(), user.UserId(), ct);
        return TypedResults.Created($"/api/v1/ops/broadcast/templates/{template.TemplateKey}", TemplateDto.From(template));
    }

    private static async Task<Ok<TemplateDto>> UpdateAsync(string key, TemplateRequest request, TemplateService templates, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(TemplateDto.From(await templates.UpdateAsync(key, request.ToInput(), user.UserId(), ct)));

    private static async Task<Ok<TemplateDto>> SetFlagsAsync(string key, FlagsRequest request, TemplateService templates, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(TemplateDto.From(await templates.SetFlagsAsync(key, request.IsApproved, request.IsActive, user.UserId(), ct)));
}
