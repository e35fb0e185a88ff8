using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// The planner's <see cref="IChatClient"/> (Microsoft.Extensions.AI) for the configured provider, so OpenAI, Azure
/// OpenAI and a local Ollama are one configuration line apart (OpsCopilot:Planner:Provider). No retries: the rules
/// answer at once, so falling back is the better retry, and a retried request would only eat the time budget. No
/// function invocation middleware either: the planner judges every tool call itself and never runs one.
/// </summary>
public static class PlannerChatClient
{
    public static IChatClient Create(PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Validated at start already; these only guard a caller that skipped validation.
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || string.IsNullOrWhiteSpace(options.Model)
            || (options.Provider != PlannerProvider.Ollama && string.IsNullOrWhiteSpace(options.ApiKey)))
            throw new InvalidOperationException($"{PlannerOptions.Section}: Endpoint, Model and (except for Ollama) ApiKey are required for the planner.");

        return options.Provider switch
        {
            PlannerProvider.Ollama => new OllamaApiClient(new HttpClient { BaseAddress = endpoint, Timeout = options.Timeout }, options.Model),
            _ => OpenAiCompatible(options, endpoint),
        };
    }

    /// <summary>
    /// OpenAI, or anything that speaks its chat completions API: Azure OpenAI's v1 endpoint
    /// (https://RESOURCE.openai.azure.com/openai/v1, Model = the deployment), vLLM, LM Studio, Ollama's /v1.
    /// </summary>
    private static IChatClient OpenAiCompatible(PlannerOptions options, Uri endpoint)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
        if (options.Provider == PlannerProvider.AzureOpenAI)
        {
            // Azure takes the key in its own header as well as the bearer token.
            clientOptions.AddPolicy(new ApiKeyHeaderPolicy(options.ApiKey!), PipelinePosition.PerCall);
        }

        return new OpenAIClient(new ApiKeyCredential(options.ApiKey!), clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    private sealed class ApiKeyHeaderPolicy(string apiKey) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("api-key", apiKey);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("api-key", apiKey);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
