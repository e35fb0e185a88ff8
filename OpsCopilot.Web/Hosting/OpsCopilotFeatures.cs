using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Audit;
using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.Drafts;
using OpsCopilot.Web.Features.Drivers;
using OpsCopilot.Web.Features.Health;
using OpsCopilot.Web.Features.Live;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations;
using OpsCopilot.Web.Features.Pairing;
using OpsCopilot.Web.Features.Planner;
using OpsCopilot.Web.Features.Simulator;
using OpsCopilot.Web.Features.SystemStatus;
using OpsCopilot.Web.Features.Tickets;
using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Web.Hosting;

/// <summary>Feature registrations, one line per feature.</summary>
public static class OpsCopilotFeatures
{
    public static IServiceCollection AddOpsFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpsCore(configuration);
        services.AddHealth();
        services.AddHostedService<DraftExpiryWorker>();
        services.AddChangeFeed();
        services.AddScoped<TenantOperations>().AddScoped<TenantTime>().AddScoped<EventNarrator>();
        services.AddScoped<SystemStatusService>().AddScoped<SystemOverview>().AddScoped<ConsoleRetention>();
        services.AddScoped<DashboardService>();
        services.AddScoped<ConversationService>().AddScoped<PreparedReading>();
        services.AddScoped<InterpretationContextLoader>();
        services.AddMessageUnderstanding();
        services.AddScoped<ICommandRouter, CopilotCommandRouter>().AddScoped<DraftCorrector>();
        services.AddScoped<ConversationAdministration>();
        services.AddWhatsAppChannels();
        services.AddOutbox();
        services.AddOperations();
        services.AddSimulator();
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Users of the signed-in admin's own tenant, on the runtime (ops_app) context: auth.* is outside RLS.
        services.AddScoped<TenantAdministration>();
        services.AddScoped<TenantUsers>();
        services.AddScoped<TenantUserQueries>().AddScoped<OpsCopilot.Data.Pairing.PairingQueries>();
        services.AddScoped<DriverCsvImporter>();
        services.AddScoped<DraftDetailService>().AddScoped<DraftCards>().AddSingleton<DraftDecisions>();
        services.AddScoped<AuditQueries>().AddScoped<AuditLines>();
        services.AddScoped<TicketRows>();
        services.AddScoped<NotificationRows>();
        return services;
    }
}
