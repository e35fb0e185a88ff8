using OpenAI.Chat;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// The bounded loop for one message: ask the model, judge its tool call, and if the call does not fit the tenant, tell
/// the model why and ask again — at most MaxSteps round trips and MaxToolCalls tool calls. The first acceptable call
/// ends the loop (no closing round trip: the draft is all we want). Ends in a reading or a
/// <see cref="PlannerGaveUpException"/>.
/// </summary>
public sealed class PlannerConversation(ChatClient client, PlannerOptions options)
{
    private const string OneToolPerAnswer = "Call exactly one tool per answer.";

    public int Steps { get; private set; }

    public int ToolCalls { get; private set; }

    public async Task<MessageReading> RunAsync(string message, InterpretationContext context, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new SystemChatMessage(PlannerPrompt.For(context)), new UserChatMessage(message)];
        var completionOptions = NewCompletionOptions();
        while (Steps < options.MaxSteps)
        {
            Steps++;
            ChatCompletion completion = await client.CompleteChatAsync(messages, completionOptions, cancellationToken);
            var calls = completion.ToolCalls;
            if (calls.Count == 0)
                throw new PlannerGaveUpException(PlannerFallbackReason.NoToolCall);
            ToolCalls += calls.Count;
            if (ToolCalls > options.MaxToolCalls)
                throw new PlannerGaveUpException(PlannerFallbackReason.ToolCallLimit);

            // Several calls at once would mean several drafts for one message; the model has to choose.
            var verdict = calls.Count == 1
                ? ToolCallReader.Read(calls[0].FunctionName, calls[0].FunctionArguments, message, context)
                : ToolVerdict.Rejected(OneToolPerAnswer);
            if (verdict.Reading is { } reading)
                return reading;

            messages.Add(new AssistantChatMessage(completion));
            foreach (var call in calls)
                messages.Add(new ToolChatMessage(call.Id, verdict.Complaint ?? OneToolPerAnswer));
        }

        throw new PlannerGaveUpException(PlannerFallbackReason.StepLimit);
    }

    private static ChatCompletionOptions NewCompletionOptions()
    {
        // "required": a prose answer is not a decision; answer_help is how the model says "nothing to draft".
        var completionOptions = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        foreach (var tool in PlannerTools.All)
            completionOptions.Tools.Add(tool);
        return completionOptions;
    }
}
