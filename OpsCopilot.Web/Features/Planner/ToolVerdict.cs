using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>One tool call judged against the tenant: a reading to act on, or what to tell the model so it can correct itself.</summary>
public sealed record ToolVerdict(MessageReading? Reading, string? Complaint)
{
    public static ToolVerdict Accepted(MessageReading reading) => new(reading, null);

    public static ToolVerdict Rejected(string complaint) => new(null, complaint);
}
