using OpsCopilot.Data.Conversations;
using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.SystemStatus;
using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Web.Hosting;

/// <summary>Feature registrations, one line per feature.</summary>
public static class OpsCopilotFeatures
{
    public static IServiceCollection AddOpsFeatures(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SystemStatusService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<ConversationService>();
        services.AddScoped<ICommandRouter, HelpOnlyCommandRouter>();
        services.AddScoped<ConversationAdministration>();
        services.AddWhatsAppChannels();
        return services;
    }
}
