using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Hosting;

/// <summary>Forwarded headers from known proxies, HSTS and AllowedHosts: the TLS-proxy deployment of docs/security.md.</summary>
public static class TransportSetup
{
    public static IServiceCollection AddTransport(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<TransportOptions>().BindConfiguration(TransportOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "OpsCopilot:Transport:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "OpsCopilot:Transport:KnownNetworks must be CIDR networks (10.0.0.0/24).")
            .ValidateOnStart();
        // Outside Development the host must know its own names: with "*" any Host header would be accepted and
        // reflected (links, redirects); behind a proxy, name the public host(s).
        services.AddOptions<HostNamesCheck>()
            .Validate(_ => environment.IsDevelopment() || environment.IsEnvironment("Testing")
                           || configuration["AllowedHosts"] is { Length: > 0 } hosts && hosts.Trim() != "*",
                "AllowedHosts must name this host's public names (e.g. \"ops.example.com\") outside Development, not \"*\".")
            .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TransportOptions>>((o, transport) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays trusted (a proxy on the same machine); everyone else only by configuration.
            foreach (var proxy in transport.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in transport.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o => { });
        services.AddOptions<HstsOptions>().Configure<IOptions<TransportOptions>>((o, transport) =>
        {
            o.MaxAge = TimeSpan.FromDays(transport.Value.HstsMaxAgeDays);
            o.IncludeSubDomains = false;
        });
        return services;
    }

    public static WebApplication UseTransport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>A marker for the AllowedHosts start-up check.</summary>
    private sealed class HostNamesCheck;
}
