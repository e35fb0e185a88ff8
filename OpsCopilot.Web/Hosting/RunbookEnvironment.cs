namespace OpsCopilot.Web.Hosting;

/// <summary>
/// The runbooks configure the product with flat environment variables; this maps each onto its options
/// section so appsettings and env vars describe the same settings.
/// </summary>
public static class RunbookEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["CLAWDBOT_WEBHOOK_SECRET"] = "OpsCopilot:Webhook:Secret",
        ["CLAWDBOT_WEBHOOK_SECRET_PREVIOUS"] = "OpsCopilot:Webhook:PreviousSecret",
        ["CLAWDBOT_HMAC_TOLERANCE_SECONDS"] = "OpsCopilot:Webhook:ToleranceSeconds",
        ["OPS_COPILOT_DRAFT_EXPIRY_MINUTES"] = "OpsCopilot:Drafts:ExpiryMinutes",
        ["OPS_COPILOT_MAX_STEPS"] = "OpsCopilot:Planner:MaxSteps",
        ["OPS_COPILOT_MAX_TOOL_CALLS"] = "OpsCopilot:Planner:MaxToolCalls",
        ["OPS_COPILOT_TIMEOUT_SECONDS"] = "OpsCopilot:Planner:TimeoutSeconds",
        ["ALERT_WEBHOOK_URL"] = "OpsCopilot:Alerts:WebhookUrl",
        ["ALERT_WEBHOOK_TIMEOUT_MS"] = "OpsCopilot:Alerts:TimeoutMs",
        ["WA_INBOUND_LOG_SAMPLE_RATE"] = "OpsCopilot:InboundLog:SampleRate",
        ["WA_INBOUND_DEBUG_SNAPSHOT"] = "OpsCopilot:InboundLog:DebugSnapshot",
    };

    public static void AddRunbookAliases(this IConfigurationManager configuration)
    {
        var mapped = Aliases
            .Where(alias => !string.IsNullOrEmpty(configuration[alias.Key]))
            .ToDictionary(alias => alias.Value, alias => configuration[alias.Key]);
        if (mapped.Count > 0) configuration.AddInMemoryCollection(mapped);
    }
}
