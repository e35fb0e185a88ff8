using Microsoft.Extensions.Options;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

public static class PlannerServiceCollectionExtensions
{
    /// <summary>
    /// Message understanding: the rules, or — with OpsCopilot:Planner:Enabled — the LLM planner wrapped around them.
    /// Chosen when resolved, from the validated options, so the ChatClient exists only when the planner is on.
    /// </summary>
    public static IServiceCollection AddMessageUnderstanding(this IServiceCollection services)
    {
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RuleBasedMessageInterpreter>();
        services.AddSingleton<PlannerMetrics>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PlannerOptions>>().Value;
            return new LlmMessageInterpreter(PlannerChatClient.Create(options), options,
                sp.GetRequiredService<RuleBasedMessageInterpreter>(), sp.GetRequiredService<PlannerMetrics>(),
                sp.GetRequiredService<ILogger<LlmMessageInterpreter>>());
        });
        services.AddSingleton<IMessageInterpreter>(sp => sp.GetRequiredService<IOptions<PlannerOptions>>().Value.Enabled
            ? sp.GetRequiredService<LlmMessageInterpreter>()
            : sp.GetRequiredService<RuleBasedMessageInterpreter>());
        return services;
    }
}
