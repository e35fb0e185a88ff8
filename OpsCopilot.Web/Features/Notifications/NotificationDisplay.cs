using System.Globalization;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.Shared;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>How the console shows an outbox row: what an operator may do with it, what it sends, attempts and schedule.</summary>
public static class NotificationDisplay
{
    /// <summary>The API's rule (NotificationAdministration.RetryAsync): only rows the worker gave up on go back to queued.</summary>
    public static bool IsRetryable(string status) => status is NotificationStatus.Failed or NotificationStatus.Dead;

    /// <summary>Failed and dead rows need an operator; a count of them above zero is highlighted.</summary>
    public static bool NeedsAttention(string status, int count) => count > 0 && IsRetryable(status);

    /// <summary>What the message is: the template by the name the Templates page shows, or "Text".</summary>
    public static string Message(NotificationRow row) =>
        row.Notification.Kind == NotificationKind.Template
            ? $"Template {(row.TemplateKey is { } key ? TemplateNames.Display(key) : "(no name)")}"
            : "Text";

    /// <summary>The recipient for sentences: "Max Mustermann +436*******67" (never the full number).</summary>
    public static string Recipient(NotificationRow row)
    {
        var masked = "+" + PhoneNumbers.Mask(row.Notification.RecipientPhone);
        return row.RecipientName is { Length: > 0 } name ? $"{name} {masked}" : masked;
    }

    /// <summary>retry_count counts failed attempts; the worker gives up (dead) when it reaches the configured maximum.</summary>
    public static string Attempts(int retryCount, int maxAttempts)
    {
        var failed = retryCount == 1 ? "1 failed attempt" : $"{retryCount.ToString(CultureInfo.InvariantCulture)} failed attempts";
        return retryCount >= maxAttempts
            ? $"{failed} (the limit is {maxAttempts.ToString(CultureInfo.InvariantCulture)}; a retry allows one more)"
            : $"{failed} of {maxAttempts.ToString(CultureInfo.InvariantCulture)} allowed";
    }

    /// <summary>next_attempt_at only means something while the worker still owns the row; null when a time is shown instead.</summary>
    public static string? NextAttemptText(Notification n) => n.Status switch
    {
        NotificationStatus.Queued or NotificationStatus.Sending => null,
        NotificationStatus.Failed or NotificationStatus.Dead => "not scheduled: waits for Retry or Drain",
        _ => "—",
    };

    public static string Plural(int count) => count == 1 ? "1 failed notification" : $"{count} failed notifications";
}
