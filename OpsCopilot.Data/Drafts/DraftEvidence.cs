using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Drafts;

/// <summary>
/// What the runbook asks an operator to check before recovering a stuck draft: did the action happen?
/// (docs/runbooks.md, "Stuck drafts")
/// </summary>
public sealed record DraftEvidence(
    Guid DraftId, string Status, int? TicketNumber, int NotificationCount, IReadOnlyList<OpsEvent> Events)
{
    public bool CommitEventExists => Events.Any(e => e.EventType == EventTypes.DraftCommitted);

    public bool EffectsExist => TicketNumber is not null || NotificationCount > 0 || CommitEventExists;

    /// <summary>
    /// The runbook's table (docs/runbooks.md, stuck drafts): nothing executed → reset (option A); effects exist → mark
    /// failed (option B). The one place this is decided; the API and the console show it.
    /// </summary>
    public bool RecommendsReset => !EffectsExist;

    public string Recommendation => RecommendsReset
        ? "Reset: nothing was executed, the dispatcher can confirm again."
        : "Mark failed: the action's effects exist, a retry could repeat them.";
}
