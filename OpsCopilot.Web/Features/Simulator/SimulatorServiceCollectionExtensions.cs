using Microsoft.Extensions.Options;
using OpsCopilot.Web.Components.Layout;

namespace OpsCopilot.Web.Features.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    public const string PagePath = "simulator";

    /// <summary>The WhatsApp simulator: options (on by default only in Development, validated at start), its sender and its page switch.</summary>
    public static IServiceCollection AddSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>()
            // First the environment's default, then whatever configuration says.
            .Configure<IHostEnvironment>((o, environment) => o.Enabled = environment.IsDevelopment())
            .BindConfiguration(SimulatorOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.AddHttpClient(SimulatorWebhookClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SimulatorWebhookClient>();
        services.AddScoped<SimulatorContacts>();
        services.AddScoped<SimulatorSession>();
        services.AddSingleton<IConsolePageSwitch, SimulatorPageSwitch>();
        return services;
    }

    private sealed class SimulatorPageSwitch(IOptions<SimulatorOptions> options) : IConsolePageSwitch
    {
        public string Path => PagePath;

        public bool IsOn => options.Value.Enabled;
    }
}
