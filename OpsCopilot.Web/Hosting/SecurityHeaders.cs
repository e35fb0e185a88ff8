namespace OpsCopilot.Web.Hosting;

/// <summary>
/// Response headers for every response (ASVS 5.0 §3.4). The console is Blazor Server: its scripts are the host's own
/// files (no eval, no inline script), its circuit a same-origin WebSocket; the component libraries set inline styles,
/// so style-src allows 'unsafe-inline' (styles cannot run code).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // At the last moment, so whatever the endpoint set (Blazor's own frame-ancestors) is replaced by the full policy.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
