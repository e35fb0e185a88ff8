using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Features.Notifications.Senders;

public sealed record DevelopmentMessage(
    Guid NotificationId,
    int TenantId,
    string RecipientPhone,
    string Kind,
    string? Text,
    string? TemplateName,
    IReadOnlyList<TemplateParameter> Parameters,
    string ProviderMessageId,
    DateTimeOffset SentAt);

/// <summary>
/// What the development sender "sent", newest last, for the console's WhatsApp simulator. In memory and
/// bounded on purpose: it is a development aid, not a record (ops.notifications and ops.events are).
/// </summary>
public sealed class DevelopmentOutbox
{
    public const int Capacity = 500;

    private readonly LinkedList<DevelopmentMessage> messages = new();

    /// <summary>Raised after a message is recorded; handlers run on the worker's thread and must not block.</summary>
    public event Action<DevelopmentMessage>? MessageSent;

    public void Record(DevelopmentMessage message)
    {
        lock (messages)
        {
            messages.AddLast(message);
            while (messages.Count > Capacity) messages.RemoveFirst();
        }
        MessageSent?.Invoke(message);
    }

    public IReadOnlyList<DevelopmentMessage> Recent(int? tenantId = null, string? recipientPhone = null)
    {
        lock (messages)
            return messages.Where(m => (tenantId is null || m.TenantId == tenantId) && (recipientPhone is null || m.RecipientPhone == recipientPhone)).ToList();
    }
}
