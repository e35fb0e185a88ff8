using Microsoft.Extensions.Options;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Simulator;

/// <summary>
/// The console's WhatsApp simulator (OpsCopilot:Simulator). It lets a signed-in admin speak as any phone number
/// of their tenant, so it is on by default only in Development; switch it on for a demo host explicitly.
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "OpsCopilot:Simulator";

    /// <summary>Default: true in the Development environment, false everywhere else. Off: /simulator is a 404 and not in the menu.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Where this host reaches its own webhook (http://127.0.0.1:5080). Unset: the first address the server
    /// listens on, with a wildcard host (0.0.0.0, [::], +, *) replaced by the loopback address.
    /// </summary>
    public string? BaseAddress { get; set; }
}

/// <summary>Refuses to start with a simulator that could not sign, or could not reach the webhook.</summary>
public sealed class SimulatorOptionsValidator(IOptions<WebhookOptions> webhook) : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(webhook.Value.Secret))
            failures.Add("OpsCopilot:Simulator:Enabled is true but OpsCopilot:Webhook:Secret (CLAWDBOT_WEBHOOK_SECRET) is not set: " +
                         "the simulator signs its messages with it, exactly as the gateway does.");
        if (options.BaseAddress is { } address && !IsHttpUrl(address))
            failures.Add($"OpsCopilot:Simulator:BaseAddress must be an absolute http:// or https:// URL of this host (e.g. http://127.0.0.1:5080), not '{address}'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
