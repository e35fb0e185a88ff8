namespace OpsCopilot.Web.Features.Planner;

/// <summary>Why a message went to the rules although the planner is on.</summary>
public enum PlannerFallbackReason
{
    /// <summary>The whole planning took longer than TimeoutSeconds.</summary>
    Timeout,

    /// <summary>MaxSteps round trips without a usable tool call.</summary>
    StepLimit,

    /// <summary>The model made more than MaxToolCalls tool calls.</summary>
    ToolCallLimit,

    /// <summary>The model answered in prose instead of calling a tool.</summary>
    NoToolCall,

    /// <summary>The endpoint answered with an error status.</summary>
    HttpError,

    /// <summary>The endpoint's answer was not a chat completion.</summary>
    MalformedResponse,

    /// <summary>Anything else: connection refused, DNS, a bug.</summary>
    Error,
}

public static class PlannerFallbackReasons
{
    public static string Tag(this PlannerFallbackReason reason) => reason switch
    {
        PlannerFallbackReason.Timeout => "timeout",
        PlannerFallbackReason.StepLimit => "step_limit",
        PlannerFallbackReason.ToolCallLimit => "tool_call_limit",
        PlannerFallbackReason.NoToolCall => "no_tool_call",
        PlannerFallbackReason.HttpError => "http_error",
        PlannerFallbackReason.MalformedResponse => "malformed_response",
        _ => "error",
    };
}
