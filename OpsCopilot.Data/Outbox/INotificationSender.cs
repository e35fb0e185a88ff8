namespace OpsCopilot.Data.Outbox;

/// <summary>Delivers one outbound message to a provider. Implementations never throw for provider answers.</summary>
public interface INotificationSender
{
    /// <summary>Short name for logs and metric labels ("gateway", "cloud_api", "development").</summary>
    string Name { get; }

    /// <summary>The longest one SendAsync may take (its timeouts): the worker does not start a send its lease cannot cover.</summary>
    TimeSpan MaxSendDuration { get; }

    /// <summary>The sending number the message leaves from; sends are paced per key.</summary>
    string SenderKey(OutboundMessage message);

    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
