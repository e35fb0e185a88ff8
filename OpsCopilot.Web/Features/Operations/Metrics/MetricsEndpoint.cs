using Microsoft.Extensions.Options;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Operations.Metrics;

public static class MetricsEndpoint
{
    /// <summary>
    /// GET /metrics in the Prometheus text format; 404 when OpsCopilot:Monitoring:MetricsEndpoint is false, or in Production
    /// without OpsCopilot:Transport:MetricsToken; with a token, only for Authorization: Bearer &lt;token&gt;.
    /// </summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (HttpContext http, PrometheusMetrics metrics, IOptions<MonitoringOptions> options,
                IOptions<TransportOptions> transport, IHostEnvironment environment) =>
            {
                if (!options.Value.MetricsEndpoint) return Results.NotFound();
                // A configured token is always required; without one, Production does not serve the endpoint at all.
                if (transport.Value.MetricsToken is { Length: > 0 } token)
                {
                    var presented = http.Request.Headers.Authorization.ToString();
                    if (!presented.StartsWith("Bearer ", StringComparison.Ordinal)
                        || !SecretComparison.FixedTimeEquals(token, presented["Bearer ".Length..].Trim()))
                    {
                        http.Response.Headers.WWWAuthenticate = "Bearer";
                        return Results.Problem("Send the metrics token: Authorization: Bearer <OpsCopilot:Transport:MetricsToken>.",
                            statusCode: StatusCodes.Status401Unauthorized, title: "Token required");
                    }
                }
                else if (environment.IsProduction())
                {
                    return Results.NotFound();
                }
                return Results.Text(metrics.Render(), PrometheusMetrics.ContentType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
