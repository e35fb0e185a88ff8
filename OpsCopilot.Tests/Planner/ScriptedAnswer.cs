using System.Text.Json.Nodes;

namespace OpsCopilot.Tests.Planner;

/// <summary>What the fake OpenAI-compatible endpoint answers to one chat completion request.</summary>
public abstract record ScriptedAnswer
{
    public static ScriptedAnswer Call(string function, object arguments) => new ToolCallsAnswer([(function, JsonSerialize(arguments))]);

    /// <summary>Arguments sent verbatim, so they can be broken JSON.</summary>
    public static ScriptedAnswer CallWithRawArguments(string function, string arguments) => new ToolCallsAnswer([(function, arguments)]);

    public static ScriptedAnswer Calls(params (string Function, object Arguments)[] calls) =>
        new ToolCallsAnswer(calls.Select(c => (c.Function, JsonSerialize(c.Arguments))).ToList());

    public static ScriptedAnswer Prose(string text) => new ProseAnswer(text);

    public static ScriptedAnswer Status(int statusCode) => new StatusAnswer(statusCode);

    public static ScriptedAnswer Raw(string body) => new RawAnswer(body);

    public static ScriptedAnswer Slow(TimeSpan delay, ScriptedAnswer then) => new SlowAnswer(delay, then);

    private static string JsonSerialize(object arguments) => System.Text.Json.JsonSerializer.Serialize(arguments);

    public sealed record ToolCallsAnswer(IReadOnlyList<(string Function, string Arguments)> ToolCalls) : ScriptedAnswer;

    public sealed record ProseAnswer(string Text) : ScriptedAnswer;

    public sealed record StatusAnswer(int StatusCode) : ScriptedAnswer;

    public sealed record RawAnswer(string Body) : ScriptedAnswer;

    public sealed record SlowAnswer(TimeSpan Delay, ScriptedAnswer Then) : ScriptedAnswer;

    /// <summary>The chat.completion JSON an OpenAI-compatible server returns.</summary>
    public static string CompletionJson(int requestNumber, JsonNode message, string finishReason) => new JsonObject
    {
        ["id"] = $"chatcmpl-fake-{requestNumber}",
        ["object"] = "chat.completion",
        ["created"] = 1_768_400_000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 10, ["total_tokens"] = 110 },
    }.ToJsonString();
}
