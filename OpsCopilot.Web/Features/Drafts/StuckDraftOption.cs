namespace OpsCopilot.Web.Features.Drafts;

/// <summary>The runbook's two ways out of a stuck COMMITTING draft (docs/drafts.md, docs/runbooks.md pilot §5).</summary>
public enum StuckDraftOption
{
    /// <summary>Option A: back to PENDING_CONFIRM, the dispatcher may confirm again.</summary>
    Reset,

    /// <summary>Option B: FAILED, because the action may have (partly) happened.</summary>
    MarkFailed,
}
