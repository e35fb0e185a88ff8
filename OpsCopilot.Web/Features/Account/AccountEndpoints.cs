using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>The console's sign-out form posts here (antiforgery-checked because it binds a form).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, ServerSessions sessions, SignInManager<AppUser> signIn, HttpContext http) =>
        {
            // Server-side first: a copied cookie must not outlive the sign-out.
            await sessions.RevokeAsync(http.User, http.RequestAborted);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        return app;
    }
}
