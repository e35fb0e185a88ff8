using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations;
using OpsCopilot.Web.Features.SystemStatus;

namespace OpsCopilot.Web.Hosting;

/// <summary>Feature registrations, one line per feature.</summary>
public static class OpsCopilotFeatures
{
    public static IServiceCollection AddOpsFeatures(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SystemStatusService>();
        services.AddScoped<DashboardService>();
        services.AddOutbox();
        services.AddOperations();
        return services;
    }
}
