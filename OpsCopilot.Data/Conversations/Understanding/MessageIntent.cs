namespace OpsCopilot.Data.Conversations.Understanding;

public enum MessageIntent
{
    Unknown,
    Pair,
    Confirm,
    Cancel,
    Help,
    CreateTicket,
    SendBroadcast,
    TicketStatus,
    Stop,
    Start,
}
