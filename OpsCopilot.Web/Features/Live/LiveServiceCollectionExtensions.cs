using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Web.Features.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>The database change feed: one listener per host, one in-process feed pages subscribe to.</summary>
    public static IServiceCollection AddChangeFeed(this IServiceCollection services)
    {
        services.AddOptions<ChangeFeedOptions>().BindConfiguration(ChangeFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OpsChangeFeed>();
        services.AddHostedService<ChangeFeedListener>();
        services.TryAddSingleton<InterpretationContextSnapshots>();
        services.AddHostedService<InterpretationContextEviction>();
        return services;
    }
}
