using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// How the host sits behind a TLS-terminating reverse proxy (OpsCopilot:Transport), docs/security.md §Deployment.
/// </summary>
public sealed class TransportOptions
{
    public const string Section = "OpsCopilot:Transport";

    /// <summary>
    /// Addresses of the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (e.g. "10.0.0.5").
    /// Loopback is always trusted. Without any, forwarded headers are ignored (the client could forge them).
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation (e.g. "10.0.0.0/24").</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// Mark the session cookie Secure on every request. Default: true in Production (run it behind HTTPS), otherwise
    /// only on HTTPS requests. Turn it off only for a Production host on loopback without TLS (the bench).
    /// </summary>
    public bool? SecureCookies { get; set; }

    /// <summary>HSTS max-age in days, sent on HTTPS responses outside Development.</summary>
    [Range(1, 730)] public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>
    /// Serve /openapi/v1.json. Default: on outside Production. The document describes every route, so Production
    /// serves it only when asked to.
    /// </summary>
    public bool? OpenApi { get; set; }

    /// <summary>
    /// Bearer token for GET /metrics (Authorization: Bearer …), compared in constant time. Set, the endpoint needs it in
    /// every environment; unset, /metrics is anonymous outside Production and off (404) in Production.
    /// </summary>
    public string? MetricsToken { get; set; }
}
