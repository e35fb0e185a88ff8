namespace OpsCopilot.Web.Features.Planner;

/// <summary>A tool argument the tenant's context does not allow; the message goes back to the model as the tool's result.</summary>
public sealed class ToolArgumentException(string message) : Exception(message)
{
    private const int MaxQuotedLength = 60;

    /// <summary>Echoes a model-written value back in a complaint without letting a huge one bloat the conversation.</summary>
    public static string Quote(string value) =>
        "'" + (value.Length > MaxQuotedLength ? value[..MaxQuotedLength] + "…" : value) + "'";
}
