using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Operations.Metrics;

public static class MetricsEndpoint
{
    /// <summary>GET /metrics in the Prometheus text format; 404 when OpsCopilot:Monitoring:MetricsEndpoint is false.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (PrometheusMetrics metrics, IOptions<MonitoringOptions> options) =>
                options.Value.MetricsEndpoint
                    ? Results.Text(metrics.Render(), PrometheusMetrics.ContentType)
                    : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
