namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>Turns one inbound dispatcher message into what the copilot should do with it.</summary>
public interface IMessageInterpreter
{
    Task<MessageReading> ReadAsync(string text, InterpretationContext context, CancellationToken cancellationToken);
}
