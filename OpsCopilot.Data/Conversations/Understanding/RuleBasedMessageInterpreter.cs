namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The default, deterministic interpreter: no network, same answer for the same message and context.
/// It reads what paired dispatchers write, so a bare "Stopp" is a cancel here (a driver's STOP is the classifier's).
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

    private static readonly WordList UnsubscribeWords = WordList.Of("=abmelden", "=unsubscribe", "=abbestellen");

    private static bool IsUnsubscribeWord(string text) => MessageTokenizer.Tokenize(text).Any(t => UnsubscribeWords.Contains(t.Folded));

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
            // A dispatcher's "Stopp!" stops a draft; only the subscription words (abmelden, unsubscribe) stay STOP.
            return command.Intent == MessageIntent.Stop && !IsUnsubscribeWord(text) ? new MessageReading(MessageIntent.Cancel) : command;
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
