using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// OpenTelemetry tracing for ASP.NET Core, outgoing HTTP, Npgsql and the product's own spans (<see cref="OpsTracing"/>).
/// On when OTEL_EXPORTER_OTLP_ENDPOINT is set (exported over OTLP; the exporter reads the standard OTEL_EXPORTER_OTLP_*
/// variables) or when OpsCopilot:Tracing:Enabled is true (spans for an exporter added elsewhere, e.g. a test's).
/// Off otherwise: no listener, so no span is even created.
/// </summary>
public static class TracingSetup
{
    public const string EnabledKey = "OpsCopilot:Tracing:Enabled";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddOpsTracing(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var exportOtlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        if (!exportOtlp && !configuration.GetValue<bool>(EnabledKey)) return;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "ops-copilot"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(OpsTracing.SourceName)
                    // Probes and scrapes every few seconds would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (exportOtlp) tracing.AddOtlpExporter();
            });
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
