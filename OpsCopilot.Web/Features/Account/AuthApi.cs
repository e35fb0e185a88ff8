using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Account;

/// <summary>Scriptable login for API clients and the runbook's curl steps: sets the same admin_session cookie.</summary>
public static class AuthApi
{
    public sealed record LoginRequest([Required, EmailAddress, MaxLength(256)] string Email, [Required, MaxLength(256)] string Password);

    public sealed record LoginResponse(Guid UserId, string Email, int TenantId, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AddEndpointFilter(JsonOnly.Filter);
        group.MapPost("/login", LoginAsync).AllowAnonymous().DisableAntiforgery()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInService signIn, UserManager<Data.Identity.AppUser> users, HttpContext http)
    {
        var attempt = await signIn.PasswordSignInAsync(request.Email, request.Password, http.Connection.RemoteIpAddress, http.RequestAborted);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Throttled:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(attempt.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(attempt.Describe(), statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts");
            case SignInOutcome.Failed:
                return TypedResults.Problem(attempt.Describe(), statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");
        }

        var user = attempt.User!;
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new LoginResponse(user.Id, user.Email!, user.TenantId, roles.ToList()));
    }

    /// <summary>Ends the session server-side: a copy of the cookie stops working too.</summary>
    private static async Task<NoContent> LogoutAsync(ServerSessions sessions, SignInManager<Data.Identity.AppUser> signIn, HttpContext http)
    {
        await sessions.RevokeAsync(http.User, http.RequestAborted);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
