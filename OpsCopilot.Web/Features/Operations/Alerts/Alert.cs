namespace OpsCopilot.Web.Features.Operations.Alerts;

/// <param name="Key">What failed, e.g. "notification_dead"; rate limiting is per key.</param>
/// <param name="Summary">One line for a human; never a full phone number.</param>
public sealed record Alert(string Key, string Summary, IReadOnlyDictionary<string, object?>? Details = null, string Severity = "critical");

public static class AlertKeys
{
    public const string NotificationDead = "notification_dead";
    public const string OutboxWorkerFailing = "outbox_worker_failing";
    public const string OutboxNotConfigured = "outbox_not_configured";
    public const string IntegrityFail = "integrity_fail";
}
