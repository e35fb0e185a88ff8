using OpsCopilot.Data;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.Drafts;
using OpsCopilot.Web.Features.Drivers;
using OpsCopilot.Web.Features.Pairing;
using OpsCopilot.Web.Features.Shared;
using OpsCopilot.Web.Features.SystemStatus;

namespace OpsCopilot.Web.Hosting;

/// <summary>Feature registrations, one line per feature.</summary>
public static class OpsCopilotFeatures
{
    public static IServiceCollection AddOpsFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpsCore(configuration);
        services.AddHostedService<DraftExpiryWorker>();
        services.AddScoped<SystemStatusService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<ConsoleOperations>();
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Users of the signed-in admin's own tenant, on the runtime (ops_app) context: auth.* is outside RLS.
        services.AddScoped<TenantAdministration>();
        services.AddScoped<TenantUsers>();
        services.AddScoped<DriverCsvImporter>();
        return services;
    }
}
