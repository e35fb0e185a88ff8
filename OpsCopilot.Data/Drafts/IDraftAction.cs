using System.Text.Json.Nodes;

namespace OpsCopilot.Data.Drafts;

/// <summary>
/// Executes one action type inside the commit's transaction. Its writes, the COMMITTED status and the
/// DRAFT_COMMITTED event commit together or not at all.
/// </summary>
public interface IDraftAction
{
    string ActionType { get; }

    Task<JsonObject> ExecuteAsync(Draft draft, CancellationToken cancellationToken);
}
