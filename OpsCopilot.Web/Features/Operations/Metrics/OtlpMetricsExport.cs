using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OpsCopilot.Web.Features.Operations.Metrics;

/// <summary>
/// OTLP export of the "OpsCopilot*" meters when OTEL_EXPORTER_OTLP_ENDPOINT is set. The MeterProvider is built and
/// disposed by hand (it predates OpenTelemetry.Extensions.Hosting here, which the traces use: Hosting/TracingSetup);
/// disposing flushes the last export.
/// Reads the standard variables through IConfiguration: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL
/// (grpc | http/protobuf), OTEL_EXPORTER_OTLP_HEADERS, OTEL_METRIC_EXPORT_INTERVAL (ms), OTEL_SERVICE_NAME.
/// </summary>
public sealed partial class OtlpMetricsExport(IConfiguration configuration, ILogger<OtlpMetricsExport> logger) : IHostedService, IDisposable
{
    private MeterProvider? provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return Task.CompletedTask;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            LogInvalidEndpoint(endpoint);
            return Task.CompletedTask;
        }

        var protocol = string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        // Set in code, the endpoint is used as given: http/protobuf needs the signal path itself.
        if (protocol == OtlpExportProtocol.HttpProtobuf && uri.AbsolutePath is "" or "/")
            uri = new Uri(uri, "v1/metrics");
        var interval = int.TryParse(configuration["OTEL_METRIC_EXPORT_INTERVAL"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 60_000;

        provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "ops-copilot"))
            .AddMeter(PrometheusMetrics.MeterPrefix + "*")
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = uri;
                exporter.Protocol = protocol;
                if (configuration["OTEL_EXPORTER_OTLP_HEADERS"] is { Length: > 0 } headers) exporter.Headers = headers;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
            })
            .Build();
        LogExporting(uri.ToString(), protocol.ToString(), interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        var current = Interlocked.Exchange(ref provider, null);
        try
        {
            // Flushes the last export (up to 5 s), then detaches from the meters.
            current?.Dispose();
        }
        catch (Exception ex)
        {
            // The SDK's listener also sees same-named meters of other hosts in the process (tests) and can trip
            // over them being disposed at the same moment; a failed detach must not fail the shutdown.
            LogDisposeFailed(ex.Message);
        }
    }

    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Exporting metrics over OTLP to {Endpoint} ({Protocol}, every {IntervalMs} ms)")]
    private partial void LogExporting(string endpoint, string protocol, int intervalMs);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Stopping the OTLP metrics export failed: {Reason}")]
    private partial void LogDisposeFailed(string reason);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "OTEL_EXPORTER_OTLP_ENDPOINT '{Endpoint}' is not an absolute URL; OTLP export is off")]
    private partial void LogInvalidEndpoint(string endpoint);
}
