using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Drafts;

/// <summary>
/// What the runbook asks an operator to check before recovering a stuck draft: did the action happen?
/// </summary>
public sealed record DraftEvidence(
    Guid DraftId, string Status, int? TicketNumber, int NotificationCount, IReadOnlyList<OpsEvent> Events)
{
    public bool CommitEventExists => Events.Any(e => e.EventType == EventTypes.DraftCommitted);

    public bool EffectsExist => TicketNumber is not null || NotificationCount > 0 || CommitEventExists;

    /// <summary>The runbook's table: nothing executed → reset (A); effects exist → mark failed (B).</summary>
    public string Recommendation => EffectsExist
        ? "Mark failed: the action's effects exist, a retry could repeat them."
        : "Reset: nothing was executed, the dispatcher can confirm again.";
}
