using System.Diagnostics.Metrics;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>How often the planner decided a message, and how often the rules had to decide instead (and why).</summary>
public sealed class PlannerMetrics
{
    public const string MeterName = "OpsCopilot.Planner";

    private readonly Counter<long> fallbacks;
    private readonly Counter<long> readings;

    public PlannerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        fallbacks = meter.CreateCounter<long>("planner_fallbacks", "{message}", "Messages the rules read because the planner could not; tag reason");
        readings = meter.CreateCounter<long>("planner_readings", "{message}", "Messages the planner read; tag intent");
    }

    public void FellBack(PlannerFallbackReason reason) =>
        fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason.Tag()));

    public void Read(string intent) =>
        readings.Add(1, new KeyValuePair<string, object?>("intent", intent));
}
