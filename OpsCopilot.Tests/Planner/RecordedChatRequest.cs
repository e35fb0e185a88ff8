using System.Text.Json.Nodes;

namespace OpsCopilot.Tests.Planner;

/// <summary>One request the fake endpoint received, as sent on the wire.</summary>
public sealed record RecordedChatRequest(string Path, string? Authorization, JsonNode Body, string? ApiKeyHeader = null)
{
    public JsonArray Messages => Body["messages"]!.AsArray();

    public string SystemPrompt => Messages.Single(m => m!["role"]!.GetValue<string>() == "system")!["content"]!.ToString();

    public IEnumerable<string> ToolResults =>
        Messages.Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => m!["content"]!.ToString());

    public IEnumerable<string> ToolNames =>
        Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>());
}
