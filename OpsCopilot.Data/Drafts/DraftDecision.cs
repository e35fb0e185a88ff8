using System.Text.Json.Nodes;

namespace OpsCopilot.Data.Drafts;

/// <summary>What a confirm or cancel did. A repeated confirm gets the same decision as the first.</summary>
public sealed record DraftDecision(Guid DraftId, string Status, JsonNode? CommitResult, string? Error)
{
    public bool Committed => Status == DraftStatus.Committed;
}
