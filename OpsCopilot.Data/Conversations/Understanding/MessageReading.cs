namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>The interpreter's verdict; only the member that belongs to <see cref="Intent"/> is set.</summary>
public sealed record MessageReading(MessageIntent Intent)
{
    public static MessageReading Unknown { get; } = new(MessageIntent.Unknown);

    /// <summary>The pairing code's digits, for <see cref="MessageIntent.Pair"/>.</summary>
    public string? Otp { get; init; }

    public TicketRequest? Ticket { get; init; }

    public BroadcastRequest? Broadcast { get; init; }

    public int? TicketNumber { get; init; }
}
