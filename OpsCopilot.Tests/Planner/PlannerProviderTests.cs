using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>
/// The provider is one configuration line: the same planner talks to Azure OpenAI (key also in the api-key header) and
/// to a local Ollama (its own /api/chat, no key), each a real HTTP server on 127.0.0.1 here.
/// </summary>
public sealed class PlannerProviderTests
{
    private static PlannerOptions Options(PlannerProvider provider, Uri endpoint, string? apiKey) => new()
    {
        Enabled = true, Provider = provider, Endpoint = endpoint.ToString(), ApiKey = apiKey, Model = PlannerHarness.Model,
        MaxSteps = 2, MaxToolCalls = 2, TimeoutSeconds = 10,
    };

    private static LlmMessageInterpreter Interpreter(PlannerOptions options, ServiceProvider services) =>
        new(PlannerChatClient.Create(options), options, new RuleBasedMessageInterpreter(),
            new PlannerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<LlmMessageInterpreter>.Instance);

    [Fact]
    public async Task Azure_OpenAI_gets_the_key_as_api_key_header_and_the_deployment_as_model()
    {
        await using var endpoint = await FakeChatEndpoint.StartAsync(
            ScriptedAnswer.Call(PlannerTools.CreateTicketDraft, new { title = "Quietschende Bremsen LKW W-1234", vehicle_plate = "W-1234" }));
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        var reading = await Interpreter(Options(PlannerProvider.AzureOpenAI, endpoint.BaseUrl, "azure-key"), services)
            .ReadAsync("Der Laster W-1234 quietscht beim Bremsen", PlannerHarness.Context, CancellationToken.None);

        reading.Ticket.ShouldNotBeNull().VehiclePlate.ShouldBe("W-1234");
        var request = endpoint.Requests.ShouldHaveSingleItem();
        request.ApiKeyHeader.ShouldBe("azure-key");
        request.Body["model"]!.GetValue<string>().ShouldBe(PlannerHarness.Model);
    }

    [Fact]
    public async Task A_local_Ollama_is_asked_on_its_own_api_without_a_key_and_its_tool_call_becomes_the_reading()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Options(PlannerProvider.Ollama, ollama.BaseUrl, apiKey: null);
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), [], validateAllProperties: true).ShouldBeTrue();

        var reading = await Interpreter(options, services)
            .ReadAsync("Sag Stefan, dass er morgen um 6 anfängt", PlannerHarness.Context, CancellationToken.None);

        reading.Intent.ShouldBe(MessageIntent.SendBroadcast);
        reading.Broadcast.ShouldNotBeNull().Recipients.ShouldBe([OpsCopilot.Tests.Understanding.ReferenceWorld.StefanHuber]);
        reading.Broadcast.Time.ShouldBe(new TimeOnly(6, 0));
        var request = ollama.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/api/chat");
        request.Body["model"]!.GetValue<string>().ShouldBe(PlannerHarness.Model);
        request.Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>())
            .ShouldBe([PlannerTools.CreateTicketDraft, PlannerTools.SendBroadcastDraft, PlannerTools.AnswerHelp], ignoreOrder: true);
    }

    /// <summary>Just enough of Ollama's /api/chat: every request is recorded and answered with one broadcast tool call.</summary>
    private sealed class FakeOllama : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<RecordedChatRequest> requests = new();

        private FakeOllama()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            app = builder.Build();
            app.MapPost("/{**path}", async context =>
            {
                var body = await JsonNode.ParseAsync(context.Request.Body);
                requests.Enqueue(new RecordedChatRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body!));
                var answer = new JsonObject
                {
                    ["model"] = PlannerHarness.Model,
                    ["created_at"] = "2026-01-14T18:45:00Z",
                    ["message"] = new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = "",
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["function"] = new JsonObject
                            {
                                ["name"] = PlannerTools.SendBroadcastDraft,
                                ["arguments"] = new JsonObject
                                {
                                    ["template_key"] = "shift_reminder", ["recipients"] = new JsonArray("Stefan Huber"),
                                    ["date"] = "2026-01-15", ["time"] = "06:00",
                                },
                            },
                        }),
                    },
                    ["done"] = true,
                    ["done_reason"] = "stop",
                };
                context.Response.ContentType = "application/x-ndjson";
                await context.Response.WriteAsync(answer.ToJsonString() + "\n");
            });
        }

        public Uri BaseUrl { get; private set; } = null!;

        public IReadOnlyList<RecordedChatRequest> Requests => requests.ToArray();

        public static async Task<FakeOllama> StartAsync()
        {
            var ollama = new FakeOllama();
            await ollama.app.StartAsync();
            ollama.BaseUrl = new Uri(ollama.app.Urls.Single() + "/");
            return ollama;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
