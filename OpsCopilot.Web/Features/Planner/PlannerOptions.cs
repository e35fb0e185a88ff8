using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// The optional LLM planner (docs/conversation.md). Off by default: the deterministic rules need no network. The limits are
/// the runbook's OPS_COPILOT_MAX_STEPS, OPS_COPILOT_MAX_TOOL_CALLS and OPS_COPILOT_TIMEOUT_SECONDS.
/// </summary>
public sealed class PlannerOptions : IValidatableObject
{
    public const string Section = "OpsCopilot:Planner";

    public bool Enabled { get; set; }

    /// <summary>
    /// Which client speaks to the model: OpenAI (default; any OpenAI-compatible endpoint), AzureOpenAI (the resource's
    /// v1 endpoint, Model = the deployment name) or Ollama (a local Ollama, e.g. http://127.0.0.1:11434, no key).
    /// </summary>
    public PlannerProvider Provider { get; set; } = PlannerProvider.OpenAI;

    /// <summary>
    /// Base URL: "https://api.openai.com/v1", "https://RESOURCE.openai.azure.com/openai/v1", "http://127.0.0.1:11434"
    /// (Ollama's own API) or any OpenAI-compatible "…/v1".
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Sent as "Authorization: Bearer …" (and "api-key" for Azure). Required except for Ollama; local servers that check none accept any value.</summary>
    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    /// <summary>Round trips to the model for one message.</summary>
    [Range(1, 50)]
    public int MaxSteps { get; set; } = 8;

    /// <summary>Tool calls the model may make for one message, counted over all round trips.</summary>
    [Range(1, 50)]
    public int MaxToolCalls { get; set; } = 5;

    /// <summary>Budget for the whole planning of one message; the webhook answers within it either way.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult($"{Section}:Endpoint must be an http(s) URL when the planner is enabled.", [nameof(Endpoint)]);
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"{Section}:Model is required when the planner is enabled.", [nameof(Model)]);
        if (string.IsNullOrWhiteSpace(ApiKey) && Provider != PlannerProvider.Ollama)
            yield return new ValidationResult($"{Section}:ApiKey is required when the planner is enabled (any value for a local server that checks none).", [nameof(ApiKey)]);
    }
}

/// <summary>The chat API the planner talks to; all three give the same <c>IChatClient</c>.</summary>
public enum PlannerProvider
{
    OpenAI,
    AzureOpenAI,
    Ollama,
}
