using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Data.Drafts;

public sealed class DraftOptions
{
    public const string Section = "OpsCopilot:Drafts";

    /// <summary>OPS_COPILOT_DRAFT_EXPIRY_MINUTES.</summary>
    [Range(1, 24 * 60)]
    public int ExpiryMinutes { get; set; } = 5;

    /// <summary>A draft COMMITTING longer than this is stuck (the runbook's 60 seconds: docs/drafts.md).</summary>
    [Range(5, 3600)]
    public int StuckAfterSeconds { get; set; } = 60;

    public TimeSpan Expiry => TimeSpan.FromMinutes(ExpiryMinutes);
    public TimeSpan StuckAfter => TimeSpan.FromSeconds(StuckAfterSeconds);
}
