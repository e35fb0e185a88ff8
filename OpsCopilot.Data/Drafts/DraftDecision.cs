using System.Text.Json.Nodes;

namespace OpsCopilot.Data.Drafts;

/// <summary>What a confirm or cancel did. A repeated confirm gets the same decision as the first.</summary>
public sealed record DraftDecision(Guid DraftId, string Status, JsonNode? CommitResult, string? Error)
{
    public bool Committed => Status == DraftStatus.Committed;

    /// <summary>
    /// True only for the call that made the decision (its claim won); a repeat, or the loser of a race, reads the
    /// stored outcome with this false. Not part of any API answer, which must be the same for every caller.
    /// </summary>
    public bool DecidedNow { get; init; }

    /// <summary>The WhatsApp message queued for the dispatcher who asked for the draft, when this decision told them.</summary>
    public string? RequesterTold { get; init; }
}

/// <summary>Where a confirm or cancel comes from; it decides who tells the dispatcher the outcome.</summary>
public enum DecisionChannel
{
    /// <summary>The console or the REST API: the dispatcher hears the outcome through the outbox.</summary>
    Console,

    /// <summary>The dispatcher's own WhatsApp message: the outcome is the webhook's reply.</summary>
    Conversation,
}
