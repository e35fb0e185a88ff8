using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Features.Notifications.Senders;

/// <summary>Sends nothing: records each message in <see cref="DevelopmentOutbox"/> and reports it sent.</summary>
public sealed class DevelopmentNotificationSender(DevelopmentOutbox outbox, TimeProvider clock) : INotificationSender
{
    public string Name => "development";

    public TimeSpan MaxSendDuration => TimeSpan.FromSeconds(1);

    public string SenderKey(OutboundMessage message) => Name;

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var providerMessageId = "dev-" + Guid.CreateVersion7().ToString("N");
        outbox.Record(new DevelopmentMessage(message.NotificationId, message.TenantId, message.RecipientPhone, message.Kind, message.Text,
            message.Template?.Name, message.Template?.Parameters ?? [], providerMessageId, clock.GetUtcNow()));
        return Task.FromResult(SendResult.Sent(providerMessageId));
    }
}
