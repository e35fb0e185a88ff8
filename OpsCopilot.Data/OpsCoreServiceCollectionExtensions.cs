using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Drivers;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Data;

public static class OpsCoreServiceCollectionExtensions
{
    /// <summary>The domain services the webhook, the console and the API share.</summary>
    public static IServiceCollection AddOpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DraftOptions>().BindConfiguration(DraftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PairingOptions>().BindConfiguration(PairingOptions.Section)
            .PostConfigure(o => o.CodePepper ??= configuration["OpsCopilot:Webhook:Secret"])
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.CodePepper) && o.CodePepper.Length >= 16,
                "OpsCopilot:Pairing:CodePepper (or the webhook secret it defaults to) must be at least 16 characters.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddScoped<DraftService>();
        services.AddScoped<DraftQueries>();
        services.AddScoped<DraftRecoveryService>();
        services.AddScoped<IDraftAction, CreateTicketAction>();
        services.AddScoped<IDraftAction, SendBroadcastAction>();
        services.AddScoped<TicketService>();
        services.AddScoped<BroadcastPlanner>();
        services.AddScoped<TemplateService>();
        services.AddScoped<DriverService>();
        services.AddScoped<PairingService>();
        return services;
    }
}
