using System.Diagnostics;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// The product's own spans and span attributes. ASP.NET Core, HttpClient and Npgsql make the rest; together a webhook
/// delivery is one trace: the request, its SQL, and — through the trace parent stored on each notification it
/// queued — the outbox worker's send with its HTTP call to the gateway.
/// </summary>
public static class OpsTracing
{
    public const string SourceName = "OpsCopilot";

    public const string RequestIdAttribute = "ops.request_id";
    public const string MessageIdAttribute = "ops.message_id";
    public const string NotificationIdAttribute = "ops.notification_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Tags the current request's span with the message it carries. Masked like in logs: an id may hold digits that
    /// look like a phone number, and traces are read as widely as logs.
    /// </summary>
    public static void TagMessage(string? requestId, string? messageId)
    {
        if (Activity.Current is not { IsAllDataRequested: true } activity) return;
        if (!string.IsNullOrEmpty(requestId)) activity.SetTag(RequestIdAttribute, SensitiveText.Mask(requestId));
        if (!string.IsNullOrEmpty(messageId)) activity.SetTag(MessageIdAttribute, SensitiveText.Mask(messageId));
    }

    /// <summary>
    /// The worker's send of one notification, as a child of the request that queued it (<see cref="Notification.TraceParent"/>):
    /// a parent rather than a link, so "show me this message's trace" finds the send and the gateway call too.
    /// Rows queued without a trace start a trace of their own.
    /// </summary>
    public static Activity? StartOutboxSend(Notification row, string sender)
    {
        ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var parent);
        var activity = Source.StartActivity("outbox send", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(NotificationIdAttribute, row.Id.ToString());
            activity.SetTag("ops.sender", sender);
            activity.SetTag("ops.attempt", row.RetryCount + 1);
        }
        return activity;
    }
}
