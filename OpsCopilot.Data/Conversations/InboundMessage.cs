namespace OpsCopilot.Data.Conversations;

/// <summary>
/// One authenticated inbound WhatsApp message, whatever channel brought it.
/// <paramref name="WaUserId"/> is the sender as E.164 digits without '+' (already normalised).
/// </summary>
public sealed record InboundMessage(
    string Channel,
    string WaUserId,
    string Body,
    string? MessageId,
    string? SenderName,
    DateTimeOffset ReceivedAt);

/// <summary>The channels a message can arrive by (ops.webhook_logs.channel, event payloads).</summary>
public static class MessageChannels
{
    /// <summary>The Clawdbot-style HTTP gateway: the reply goes back in the webhook's response.</summary>
    public const string Gateway = "gateway";

    /// <summary>The WhatsApp Cloud API: the reply goes out through the outbox.</summary>
    public const string Meta = "meta";
}
