using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.Drafts;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations;
using OpsCopilot.Web.Features.Planner;
using OpsCopilot.Web.Features.SystemStatus;
using OpsCopilot.Web.Features.WhatsApp;

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
        services.AddScoped<ConversationService>();
        services.AddScoped<InterpretationContextLoader>();
        services.AddMessageUnderstanding();
        services.AddScoped<ICommandRouter, CopilotCommandRouter>();
        services.AddScoped<ConversationAdministration>();
        services.AddWhatsAppChannels();
        services.AddOutbox();
        services.AddOperations();
        return services;
    }
}
