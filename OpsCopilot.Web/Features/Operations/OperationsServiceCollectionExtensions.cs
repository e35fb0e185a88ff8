using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Web.Features.Operations.Alerts;
using OpsCopilot.Web.Features.Operations.Metrics;
using OpsCopilot.Web.Features.Operations.Retention;

namespace OpsCopilot.Web.Features.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Alerts, retention, the integrity monitor, gauges, /metrics and OTLP export.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddAlerts();
        services.AddMetrics();
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<PrometheusMetrics>();
        services.TryAddSingleton<IntegrityStatus>();
        services.TryAddSingleton<OperationsGauges>();
        services.TryAddSingleton<RetentionTrigger>();
        services.TryAddSingleton<RetentionStatus>();
        // Retention purges across tenants: on a worker context (ops_worker), which DI disposes with the scope.
        services.TryAddKeyedScoped<OpsDbContext>(WorkerDatabase.ServiceKey, (sp, _) => sp.GetRequiredService<WorkerDatabase>().CreateContext());
        services.TryAddScoped(sp => ActivatorUtilities.CreateInstance<RetentionService>(sp, sp.GetRequiredKeyedService<OpsDbContext>(WorkerDatabase.ServiceKey)));
        services.TryAddSingleton<OtlpMetricsExport>();

        services.AddHostedService<MetricsStarter>();
        services.AddHostedService(sp => sp.GetRequiredService<OtlpMetricsExport>());
        services.AddHostedService<OperationsGaugeRefresher>();
        services.AddHostedService<IntegrityMonitor>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }

    /// <summary>Alert publishing on its own, for hosts that need nothing else of this feature.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(AlertDispatcher.HttpClientName);
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AlertPublisher>();
        services.AddHostedService<AlertDispatcher>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapMetricsEndpoint();
        return app;
    }

    /// <summary>Resolving the listener and gauges at start makes them count from the first request on.</summary>
    private sealed class MetricsStarter : IHostedService
    {
        public MetricsStarter(PrometheusMetrics metrics, OperationsGauges gauges)
        {
            GC.KeepAlive(metrics);
            GC.KeepAlive(gauges);
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
