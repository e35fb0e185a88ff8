using OpsCopilot.Data;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Audit;
using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.Drafts;
using OpsCopilot.Web.Features.Live;
using OpsCopilot.Web.Features.SystemStatus;

namespace OpsCopilot.Web.Hosting;

/// <summary>Feature registrations, one line per feature.</summary>
public static class OpsCopilotFeatures
{
    public static IServiceCollection AddOpsFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpsCore(configuration);
        services.AddHostedService<DraftExpiryWorker>();
        services.AddChangeFeed();
        services.AddScoped<TenantOperations>().AddScoped<TenantTime>();
        services.AddScoped<SystemStatusService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<DraftDetailService>();
        services.AddScoped<AuditQueries>();
        return services;
    }
}
