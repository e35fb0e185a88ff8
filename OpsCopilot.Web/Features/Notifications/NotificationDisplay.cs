using System.Globalization;
using OpsCopilot.Data.Outbox;
using Radzen;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>How the console shows an outbox row: status colours, what an operator may do with it, attempts and schedule.</summary>
public static class NotificationDisplay
{
    /// <summary>The API's rule (NotificationAdministration.RetryAsync): only rows the worker gave up on go back to queued.</summary>
    public static bool IsRetryable(string status) => status is NotificationStatus.Failed or NotificationStatus.Dead;

    public static BadgeStyle StatusStyle(string status) => status switch
    {
        NotificationStatus.Queued => BadgeStyle.Info,
        NotificationStatus.Sending => BadgeStyle.Warning,
        NotificationStatus.Sent or NotificationStatus.Delivered or NotificationStatus.Read => BadgeStyle.Success,
        NotificationStatus.Failed or NotificationStatus.Dead => BadgeStyle.Danger,
        _ => BadgeStyle.Light,
    };

    /// <summary>Failed and dead rows need an operator; a count of them above zero is highlighted.</summary>
    public static bool NeedsAttention(string status, int count) => count > 0 && IsRetryable(status);

    /// <summary>What the message is: the template's name, or "Text".</summary>
    public static string Message(Notification n) =>
        n.Kind == NotificationKind.Template ? $"Template {n.TemplateName ?? "(no name)"}" : "Text";

    /// <summary>retry_count counts failed attempts; the worker gives up (dead) when it reaches the configured maximum.</summary>
    public static string Attempts(int retryCount, int maxAttempts)
    {
        var failed = retryCount == 1 ? "1 failed attempt" : $"{retryCount.ToString(CultureInfo.InvariantCulture)} failed attempts";
        return retryCount >= maxAttempts
            ? $"{failed} (the limit is {maxAttempts.ToString(CultureInfo.InvariantCulture)}; a retry allows one more)"
            : $"{failed} of {maxAttempts.ToString(CultureInfo.InvariantCulture)} allowed";
    }

    /// <summary>next_attempt_at only means something while the worker still owns the row.</summary>
    public static string NextAttempt(Notification n, TimeZoneInfo zone) => n.Status switch
    {
        NotificationStatus.Queued or NotificationStatus.Sending => Components.Shared.TenantTime.Format(n.NextAttemptAt, zone),
        NotificationStatus.Failed or NotificationStatus.Dead => "not scheduled: waits for Retry or Drain",
        _ => "—",
    };
}
