using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>The real host with the planner switched on, pointed at a fake endpoint that always drafts the same ticket.</summary>
public sealed class PlannerHostFixture : IAsyncLifetime
{
    public const string PlannedTitle = "Quietschende Bremsen LKW W-1234";

    public FakeChatEndpoint Endpoint { get; private set; } = null!;

    public OpsWebFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Endpoint = await FakeChatEndpoint.StartAsync(
            ScriptedAnswer.Call(PlannerTools.CreateTicketDraft, new { title = PlannedTitle, vehicle_plate = "W-1234" }));
        await Factory.InitializeAsync();
        Factory.Settings["OPS_COPILOT_TIMEOUT_SECONDS"] = "5";
        Factory.Settings["OpsCopilot:Planner:Enabled"] = "true";
        Factory.Settings["OpsCopilot:Planner:Endpoint"] = Endpoint.BaseUrl.ToString();
        Factory.Settings["OpsCopilot:Planner:ApiKey"] = PlannerHarness.ApiKey;
        Factory.Settings["OpsCopilot:Planner:Model"] = PlannerHarness.Model;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        await Endpoint.DisposeAsync();
    }
}
