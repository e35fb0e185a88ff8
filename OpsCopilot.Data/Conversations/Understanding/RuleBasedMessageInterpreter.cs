namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The default, deterministic interpreter: no network, same answer for the same message and context.
/// Order matters: protocol replies first (so "nein" is never a name or a ticket), then questions about existing
/// tickets, then broadcasts (which name a template), then defect reports; everything else is Unknown.
/// </summary>
public sealed class RuleBasedMessageInterpreter : IMessageInterpreter
{
    public Task<MessageReading> ReadAsync(string text, InterpretationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(text, context));
    }

    public static MessageReading Read(string text, InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(text))
        {
            return MessageReading.Unknown;
        }

        var command = CommandClassifier.Classify(text);
        if (command is not null)
        {
            return command;
        }

        var tokens = MessageTokenizer.Tokenize(text);
        var problem = ProblemReportAnalyzer.Analyze(text, tokens);

        var ticketNumber = TicketStatusReader.TryRead(text, problem);
        if (ticketNumber is not null)
        {
            return new MessageReading(MessageIntent.TicketStatus) { TicketNumber = ticketNumber };
        }

        var broadcast = BroadcastRequestReader.TryRead(text, tokens, problem, context);
        if (broadcast is not null)
        {
            return new MessageReading(MessageIntent.SendBroadcast) { Broadcast = broadcast };
        }

        var ticket = TicketRequestReader.TryRead(text, problem);
        return ticket is null
            ? MessageReading.Unknown
            : new MessageReading(MessageIntent.CreateTicket) { Ticket = ticket };
    }
}
