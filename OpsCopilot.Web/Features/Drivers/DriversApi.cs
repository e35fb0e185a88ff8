using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsCopilot.Data.Drivers;
using OpsCopilot.Data.Identity;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Drivers;

public static class DriversApi
{
    public sealed record CreateDriverRequest([Required, MaxLength(200)] string FullName, [Required, MaxLength(40)] string Phone, bool? Subscribed);
    public sealed record UpdateDriverRequest([Required, MaxLength(200)] string FullName, [Required, MaxLength(40)] string Phone, [Required] bool? IsActive);
    public sealed record SubscriptionRequest([Required] bool? Subscribed, [MaxLength(40)] string? Source);

    public static RouteGroupBuilder MapDriversApi(this RouteGroupBuilder api)
    {
        var drivers = api.MapGroup("/drivers").WithTags("Drivers");
        drivers.MapGet("/", ListAsync).RequireAuthorization(Permissions.DriversView);
        drivers.MapPost("/", CreateAsync).RequireAuthorization(Permissions.DriversManage);
        drivers.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permissions.DriversManage);
        drivers.MapPost("/{id:guid}/subscription", SetSubscriptionAsync).RequireAuthorization(Permissions.DriversManage);
        return api;
    }

    private static async Task<Ok<ApiPage<DriverRow>>> ListAsync(DriverService drivers, [AsParameters] PageQuery paging, CancellationToken ct,
        [Description("Only drivers whose name or phone contains this text.")] string? search = null)
    {
        var (page, size) = paging.Normalize();
        return TypedResults.Ok(ApiPage.From(await drivers.ListAsync(search, page, size, ct), driver => driver));
    }

    private static async Task<Created<DriverRow>> CreateAsync(CreateDriverRequest request, DriverService drivers, ClaimsPrincipal user, CancellationToken ct)
    {
        var subscribed = request.Subscribed ?? true;
        var driver = await drivers.CreateAsync(request.FullName, request.Phone, subscribed, "console", user.UserId(), ct);
        return TypedResults.Created($"/api/v1/ops/drivers/{driver.Id}",
            new DriverRow(driver.Id, driver.FullName, driver.Phone, driver.IsActive, subscribed, "console", DateTimeOffset.UtcNow));
    }

    private static async Task<NoContent> UpdateAsync(Guid id, UpdateDriverRequest request, DriverService drivers, ClaimsPrincipal user, CancellationToken ct)
    {
        await drivers.UpdateAsync(id, request.FullName, request.Phone, request.IsActive!.Value, user.UserId(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetSubscriptionAsync(Guid id, SubscriptionRequest request, DriverService drivers, ClaimsPrincipal user, CancellationToken ct)
    {
        await drivers.SetSubscriptionAsync(id, request.Subscribed!.Value, request.Source ?? "console", user.UserId(), ct);
        return TypedResults.NoContent();
    }
}
