using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>Judges one tool call of the model. Only drafts (or no draft) can come out of it.</summary>
public static class ToolCallReader
{
    public static ToolVerdict Read(string functionName, BinaryData arguments, string message, InterpretationContext context)
    {
        try
        {
            return functionName switch
            {
                PlannerTools.CreateTicketDraft => ToolVerdict.Accepted(TicketDraftArguments.Read(ToolArguments.Parse(arguments), message)),
                PlannerTools.SendBroadcastDraft => ToolVerdict.Accepted(BroadcastDraftArguments.Read(ToolArguments.Parse(arguments), message, context)),
                PlannerTools.AnswerHelp => ToolVerdict.Accepted(MessageReading.Unknown),
                _ => ToolVerdict.Rejected(
                    $"There is no tool {ToolArgumentException.Quote(functionName)}. Call {PlannerTools.CreateTicketDraft}, {PlannerTools.SendBroadcastDraft} or {PlannerTools.AnswerHelp}."),
            };
        }
        catch (ToolArgumentException complaint)
        {
            return ToolVerdict.Rejected(complaint.Message);
        }
    }
}
