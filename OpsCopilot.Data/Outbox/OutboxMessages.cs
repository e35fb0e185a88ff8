namespace OpsCopilot.Data.Outbox;

/// <summary>
/// New outbox rows. Add them to the context of the transaction that decided to send (a console decision told to the
/// dispatcher), so the message exists exactly when that decision does; the worker sends it.
/// </summary>
public static class OutboxMessages
{
    public static Notification Text(int tenantId, string recipientPhone, string body) => new()
    {
        TenantId = tenantId,
        RecipientPhone = recipientPhone,
        Kind = NotificationKind.Text,
        Body = body,
    };
}
