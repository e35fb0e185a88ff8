using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// Checks the settings of the sender the worker will use, so a misconfiguration stops the start, not the first
/// send. No sender at all outside Development does not stop the host (other features and test hosts run without
/// one): the worker then stays off, logs an error and raises an alert, and rows wait in the outbox.
/// </summary>
internal sealed class OutboxOptionsValidator(
    IHostEnvironment environment,
    IOptions<GatewayOptions> gateway,
    IOptions<CloudApiOptions> cloudApi) : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var failures = new List<string>();
        if (options.BaseDelay > options.MaxDelay)
            failures.Add("OpsCopilot:Outbox:BaseDelay must not exceed MaxDelay.");

        if (options.Enabled)
        {
            switch (options.EffectiveSender(environment))
            {
                case NotificationSenderKind.Gateway:
                    var g = gateway.Value;
                    if (!IsHttpUrl(g.SendUrl)) failures.Add("OpsCopilot:Gateway:SendUrl must be an absolute http(s) URL when the sender is Gateway.");
                    if (string.IsNullOrWhiteSpace(g.Secret)) failures.Add("The gateway sender needs a signing secret: OpsCopilot:Gateway:Secret or CLAWDBOT_WEBHOOK_SECRET.");
                    RequireLeaseCovers(options, TimeSpan.FromMilliseconds(g.TimeoutMs), failures);
                    break;
                case NotificationSenderKind.CloudApi:
                    var c = cloudApi.Value;
                    if (!IsHttpUrl(c.BaseUrl)) failures.Add("OpsCopilot:CloudApi:BaseUrl must be an absolute http(s) URL.");
                    if (string.IsNullOrWhiteSpace(c.PhoneNumberId)) failures.Add("OpsCopilot:CloudApi:PhoneNumberId is required when the sender is CloudApi.");
                    if (string.IsNullOrWhiteSpace(c.AccessToken)) failures.Add("OpsCopilot:CloudApi:AccessToken is required when the sender is CloudApi.");
                    RequireLeaseCovers(options, TimeSpan.FromMilliseconds(c.TimeoutMs), failures);
                    break;
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A send that outlives the lease would be re-sent by another host while still in flight.
    private static void RequireLeaseCovers(OutboxOptions options, TimeSpan timeout, List<string> failures)
    {
        if (options.Lease < timeout * 3)
            failures.Add($"OpsCopilot:Outbox:Lease ({options.Lease}) must be at least three times the sender's timeout ({timeout}).");
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
