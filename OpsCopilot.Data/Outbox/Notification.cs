using System.Diagnostics;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Outbox;

/// <summary>One outbound WhatsApp message in the durable outbox (ops.notifications).</summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public Guid? DraftId { get; set; }
    public Guid? DriverId { get; set; }
    public required string RecipientPhone { get; set; }
    public required string Kind { get; set; }
    public string? Body { get; set; }
    public string? TemplateName { get; set; }
    public string? TemplateParams { get; set; }
    public string? Language { get; set; }
    public string Status { get; set; } = NotificationStatus.Queued;
    public int RetryCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public string? ProviderMessageId { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// The trace of the work that queued this row (a webhook delivery, a confirm), W3C traceparent: the worker's send
    /// continues it. Taken from the current activity when the row is made; loading a row overwrites it with the stored one.
    /// </summary>
    public string? TraceParent { get; set; } = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}

public static class NotificationKind
{
    public const string Text = "TEXT";
    public const string Template = "TEMPLATE";
}

public static class NotificationStatus
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
    public const string Dead = "dead";

    public static readonly IReadOnlyList<string> All = [Queued, Sending, Sent, Delivered, Read, Failed, Dead];
}
