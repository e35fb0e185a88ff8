using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.Notifications.Senders;

/// <summary>
/// Where messages to a tenant's reserved test numbers (<see cref="SimulatorNumbers"/>) go, whatever sender is
/// configured: nowhere. The row is marked sent with a "sink-" provider id and the message shows in the simulator's
/// outbound list, so the smoke test (docs/operations.md) and the simulator can broadcast on a production instance
/// without reaching a gateway or a real phone.
/// </summary>
public sealed class TestNumberSink(DevelopmentOutbox outbox, TimeProvider clock) : INotificationSender
{
    public const string ProviderIdPrefix = "sink-";

    public string Name => "test_number_sink";

    public TimeSpan MaxSendDuration => TimeSpan.FromSeconds(1);

    public static bool Takes(OutboundMessage message) => SimulatorNumbers.IsReserved(message.TenantId, message.RecipientPhone);

    public string SenderKey(OutboundMessage message) => Name;

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var providerMessageId = ProviderIdPrefix + Guid.CreateVersion7().ToString("N");
        outbox.Record(new DevelopmentMessage(message.NotificationId, message.TenantId, message.RecipientPhone, message.Kind, message.Text,
            message.Template?.Name, message.Template?.Parameters ?? [], providerMessageId, clock.GetUtcNow()));
        return Task.FromResult(SendResult.Sent(providerMessageId));
    }
}
