namespace OpsCopilot.Web.Features.Planner;

/// <summary>The planning loop ended without a reading; the rules decide the message.</summary>
public sealed class PlannerGaveUpException(PlannerFallbackReason reason)
    : Exception($"The planner gave up: {reason.Tag()}.")
{
    public PlannerFallbackReason Reason { get; } = reason;
}
