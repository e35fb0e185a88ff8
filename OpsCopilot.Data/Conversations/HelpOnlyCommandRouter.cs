namespace OpsCopilot.Data.Conversations;

/// <summary>The placeholder router: paired senders get the help text, everyone else how to pair.</summary>
public sealed class HelpOnlyCommandRouter : ICommandRouter
{
    public Task<string> ReplyAsync(SenderContext sender, CancellationToken cancellationToken) =>
        Task.FromResult(sender.IsPaired ? ConversationReplies.Help : ConversationReplies.NotPaired);
}
