namespace OpsCopilot.Data.Conversations;

/// <summary>
/// Understands one message and acts on it (pair, draft, confirm, …) inside the message's transaction, returning
/// the reply text. It may pair an unpaired sender: it then calls <see cref="OpsDbContext.UseTenantAsync"/> and
/// <see cref="ConversationService"/> re-resolves the sender afterwards.
/// </summary>
public interface ICommandRouter
{
    Task<string> ReplyAsync(SenderContext sender, CancellationToken cancellationToken);
}
