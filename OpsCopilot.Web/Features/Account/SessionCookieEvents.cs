using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OpsCopilot.Web.Features.Account;

/// <summary>The admin_session cookie's hooks: a server-side session per sign-in, checked on every request.</summary>
public static class SessionCookieEvents
{
    public static Task SigningInAsync(CookieSigningInContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ServerSessions>().StartAsync(context.Principal!, context.HttpContext.RequestAborted);

    /// <summary>
    /// Replaces Identity's security-stamp validator (every 30 minutes, outside row-level security): the session row,
    /// the stamp and the lock-out are checked on every request, so a copied cookie stops working at logout and a role
    /// change or deactivation takes effect with the next request.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ServerSessions>();
        if (context.Principal is { } principal && await sessions.IsValidAsync(principal, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
