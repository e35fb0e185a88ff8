using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Tests.Understanding;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>
/// An <see cref="LlmMessageInterpreter"/> talking to a <see cref="FakeChatEndpoint"/>, with its own meter factory so
/// the fallback counter can be read without seeing other tests' measurements.
/// </summary>
public sealed class PlannerHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-planner-key";
    public const string Model = "fake-model";

    private readonly ServiceProvider services;
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, long Value, string? Tag)> measurements = [];

    private PlannerHarness(FakeChatEndpoint endpoint, PlannerOptions options)
    {
        Endpoint = endpoint;
        Options = options;
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tag = tags.ToArray().Select(t => t.Value?.ToString()).FirstOrDefault();
            lock (measurements) measurements.Add((instrument.Name, value, tag));
        });
        listener.Start();
        Interpreter = new LlmMessageInterpreter(PlannerChatClient.Create(options), options, new RuleBasedMessageInterpreter(),
            new PlannerMetrics(meterFactory), NullLogger<LlmMessageInterpreter>.Instance);
    }

    public FakeChatEndpoint Endpoint { get; }

    public PlannerOptions Options { get; }

    public LlmMessageInterpreter Interpreter { get; }

    /// <summary>Wednesday 14 January 2026, 19:45 Vienna, with the corpus drivers and templates.</summary>
    public static InterpretationContext Context => ReferenceWorld.At(ReferenceWorld.WinterWednesdayEvening);

    public IReadOnlyList<string?> FallbackReasons
    {
        get { lock (measurements) return measurements.Where(m => m.Instrument == "planner_fallbacks").Select(m => m.Tag).ToList(); }
    }

    public static async Task<PlannerHarness> StartAsync(
        ScriptedAnswer[] script, int maxSteps = 8, int maxToolCalls = 5, int timeoutSeconds = 10)
    {
        var endpoint = await FakeChatEndpoint.StartAsync(script);
        var options = new PlannerOptions
        {
            Enabled = true,
            Endpoint = endpoint.BaseUrl.ToString(),
            ApiKey = ApiKey,
            Model = Model,
            MaxSteps = maxSteps,
            MaxToolCalls = maxToolCalls,
            TimeoutSeconds = timeoutSeconds,
        };
        return new PlannerHarness(endpoint, options);
    }

    public static Task<PlannerHarness> StartAsync(params ScriptedAnswer[] script) => StartAsync(script, maxSteps: 8);

    public Task<MessageReading> ReadAsync(string text, CancellationToken cancellationToken = default) =>
        Interpreter.ReadAsync(text, Context, cancellationToken);

    /// <summary>What the deterministic rules make of the same message, i.e. the fallback.</summary>
    public static MessageReading RulesRead(string text) => RuleBasedMessageInterpreter.Read(text, Context);

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        await services.DisposeAsync();
        await Endpoint.DisposeAsync();
    }
}
