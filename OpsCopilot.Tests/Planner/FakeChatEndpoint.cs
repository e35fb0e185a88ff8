using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpsCopilot.Tests.Planner;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random port) speaking just enough of the OpenAI chat completions API: it records
/// every request and answers from a script, the last answer repeating for ever (an endless model).
/// </summary>
public sealed class FakeChatEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IReadOnlyList<ScriptedAnswer> script;
    private readonly ConcurrentQueue<RecordedChatRequest> requests = new();
    private int requestCount;

    private FakeChatEndpoint(IReadOnlyList<ScriptedAnswer> script)
    {
        this.script = script;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        // Any path is recorded, so a test can prove which one the OpenAI package used.
        app.MapPost("/{**path}", AnswerAsync);
    }

    /// <summary>The base URL to configure as OpsCopilot:Planner:Endpoint.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedChatRequest> Requests => requests.ToArray();

    /// <summary>Runs while a request waits for its answer: what a test wants to see of the world during a model call.</summary>
    public Func<Task>? WhileAnswering { get; set; }

    public static async Task<FakeChatEndpoint> StartAsync(params ScriptedAnswer[] script)
    {
        if (script.Length == 0) throw new ArgumentException("Script at least one answer.", nameof(script));
        var endpoint = new FakeChatEndpoint(script);
        await endpoint.app.StartAsync();
        endpoint.BaseUrl = new Uri(endpoint.app.Urls.Single() + "/v1");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(patience.Token);
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var number = Interlocked.Increment(ref requestCount);
        requests.Enqueue(new RecordedChatRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body!,
            context.Request.Headers["api-key"].ToString()));
        if (WhileAnswering is { } observe) await observe();
        await WriteAsync(context, script[Math.Min(number, script.Count) - 1], number);
    }

    private static async Task WriteAsync(HttpContext context, ScriptedAnswer answer, int number)
    {
        switch (answer)
        {
            case ScriptedAnswer.SlowAnswer slow:
                await Task.Delay(slow.Delay, context.RequestAborted);
                await WriteAsync(context, slow.Then, number);
                return;
            case ScriptedAnswer.StatusAnswer status:
                context.Response.StatusCode = status.StatusCode;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error" } });
                return;
            case ScriptedAnswer.RawAnswer raw:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(raw.Body);
                return;
            case ScriptedAnswer.ProseAnswer prose:
                await WriteCompletionAsync(context, number, new JsonObject { ["role"] = "assistant", ["content"] = prose.Text }, "stop");
                return;
            case ScriptedAnswer.ToolCallsAnswer calls:
                var toolCalls = new JsonArray(calls.ToolCalls.Select((call, index) => (JsonNode)new JsonObject
                {
                    ["id"] = $"call_{number}_{index}",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Function, ["arguments"] = call.Arguments },
                }).ToArray());
                var message = new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls };
                await WriteCompletionAsync(context, number, message, "tool_calls");
                return;
            default:
                throw new InvalidOperationException($"Unscripted answer {answer}.");
        }
    }

    private static Task WriteCompletionAsync(HttpContext context, int number, JsonNode message, string finishReason)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ScriptedAnswer.CompletionJson(number, message, finishReason));
    }
}
