namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>The day a message refers to: its earliest written or relative date, in the tenant's calendar.</summary>
public static class DateReader
{
    public static DateOnly? Read(string text, IReadOnlyList<MessageToken> tokens, DateOnly today)
    {
        var mentions = AbsoluteDateReader.Read(text, today).Concat(RelativeDateReader.Read(tokens, today));
        var earliest = mentions.OrderBy(m => m.Start).Select(m => (DateOnly?)m.Value).FirstOrDefault();
        return earliest;
    }

    public static DateOnly? Read(string text, DateOnly today) => Read(text, MessageTokenizer.Tokenize(text), today);
}
