using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Web.Features.Account;

/// <summary>Scriptable login for API clients and the runbook's curl steps: sets the same admin_session cookie.</summary>
public static class AuthApi
{
    public sealed record LoginRequest([Required, EmailAddress, MaxLength(256)] string Email, [Required, MaxLength(256)] string Password);

    public sealed record LoginResponse(Guid UserId, string Email, int TenantId, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().DisableAntiforgery();
        group.MapPost("/logout", LogoutAsync).RequireAuthorization();
        return group;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users)
    {
        const string invalid = "Email or password is wrong.";
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null)
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem("Too many failed logins: the account is locked for a while.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Account locked");
        if (!result.Succeeded)
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");

        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new LoginResponse(user.Id, user.Email!, user.TenantId, roles.ToList()));
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
