using Microsoft.Extensions.AI;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// The bounded loop for one message: ask the model, judge its tool call, and if the call does not fit the tenant, tell
/// the model why and ask again — at most MaxSteps round trips and MaxToolCalls tool calls. The first acceptable call
/// ends the loop (no closing round trip: the draft is all we want). Ends in a reading or a
/// <see cref="PlannerGaveUpException"/>. Tool calls are only ever judged, never invoked.
/// </summary>
public sealed class PlannerConversation(IChatClient client, PlannerOptions options)
{
    private const string OneToolPerAnswer = "Call exactly one tool per answer.";

    public int Steps { get; private set; }

    public int ToolCalls { get; private set; }

    public async Task<MessageReading> RunAsync(string message, InterpretationContext context, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, PlannerPrompt.For(context)), new(ChatRole.User, message)];
        // "RequireAny": a prose answer is not a decision; answer_help is how the model says "nothing to draft".
        var chatOptions = new ChatOptions { Tools = [.. PlannerTools.All], ToolMode = ChatToolMode.RequireAny };
        while (Steps < options.MaxSteps)
        {
            Steps++;
            var response = await client.GetResponseAsync(messages, chatOptions, cancellationToken);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
                throw new PlannerGaveUpException(PlannerFallbackReason.NoToolCall);
            ToolCalls += calls.Count;
            if (ToolCalls > options.MaxToolCalls)
                throw new PlannerGaveUpException(PlannerFallbackReason.ToolCallLimit);

            // Several calls at once would mean several drafts for one message; the model has to choose.
            var verdict = calls.Count == 1
                ? ToolCallReader.Read(calls[0].Name, ToolCallArguments.Of(calls[0]), message, context)
                : ToolVerdict.Rejected(OneToolPerAnswer);
            if (verdict.Reading is { } reading)
                return reading;

            messages.AddRange(response.Messages);
            messages.Add(new ChatMessage(ChatRole.Tool,
                calls.Select(call => (AIContent)new FunctionResultContent(call.CallId, verdict.Complaint ?? OneToolPerAnswer)).ToList()));
        }

        throw new PlannerGaveUpException(PlannerFallbackReason.StepLimit);
    }
}
