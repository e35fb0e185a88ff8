using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>The console's sign-out form posts here (antiforgery-checked because it binds a form).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        return app;
    }
}
