using System.Text.Json;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.Conversations;

/// <summary>How the console shows a conversation thread: the sender masked as in logs, who it is paired to, its chat state.</summary>
public static class ConversationDisplay
{
    public static string Sender(ThreadSummary thread) => "+" + PhoneNumbers.Mask(thread.WaUserId);

    /// <summary>Who writes from this number: the paired user, else the driver with that number; null if nobody known.</summary>
    public static string? Name(ThreadSummary thread) =>
        thread.UserDisplayName is { Length: > 0 } name ? name
        : thread.UserEmail is { Length: > 0 } email ? email
        : thread.DriverName is { Length: > 0 } driver ? driver
        : null;

    /// <summary>The sender for sentences: "Anna Berger +436*******67".</summary>
    public static string Person(ThreadSummary thread) => Name(thread) is { } name ? $"{name} {Sender(thread)}" : Sender(thread);

    public static string PairedUser(ThreadSummary thread) =>
        thread.UserDisplayName is { Length: > 0 } name
            ? thread.UserEmail is { Length: > 0 } email ? $"{name} ({email})" : name
            : thread.UserEmail ?? (thread.IdentityId is null ? "not paired" : "unknown user");

    public static bool IsEmptyState(string state)
    {
        try
        {
            using var document = JsonDocument.Parse(state);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => !document.RootElement.EnumerateObject().Any(),
                JsonValueKind.Null => true,
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The chat state, indented for reading; "empty" when there is nothing to reset.</summary>
    public static string State(string state)
    {
        if (IsEmptyState(state)) return "empty";
        try
        {
            using var document = JsonDocument.Parse(state);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return state;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
