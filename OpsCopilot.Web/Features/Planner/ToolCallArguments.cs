using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// A tool call's arguments as JSON, for <see cref="ToolArguments"/>' strict reading. The OpenAI adapter keeps the
/// model's own text (so "not valid JSON" and "not an object" can be told apart and explained); other providers hand
/// over the parsed arguments, which are written back as JSON unchanged.
/// </summary>
public static class ToolCallArguments
{
    private static readonly BinaryData Unreadable = BinaryData.FromString("{unreadable");

    public static BinaryData Of(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.RawRepresentation is OpenAI.Chat.ChatToolCall raw)
            return raw.FunctionArguments;
        if (call.Exception is not null)
            return Unreadable;
        return BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(call.Arguments ?? new Dictionary<string, object?>()));
    }
}
