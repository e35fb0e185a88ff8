using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace OpsCopilot.Web.Features.Planner;

public static class PlannerChatClient
{
    /// <summary>
    /// A ChatClient for the configured OpenAI-compatible endpoint. No retries: the rules answer at once, so falling back
    /// is the better retry, and a retried request would only eat the time budget.
    /// </summary>
    public static ChatClient Create(PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Validated at start already; these only guard a caller that skipped validation.
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || string.IsNullOrWhiteSpace(options.Model) || string.IsNullOrWhiteSpace(options.ApiKey))
            throw new InvalidOperationException($"{PlannerOptions.Section}: Endpoint, Model and ApiKey are required for the planner.");
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
        return new ChatClient(options.Model, new ApiKeyCredential(options.ApiKey), clientOptions);
    }
}
