using System.Text.Json.Serialization;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary><c>{"status":"processed"|"duplicate","thread_id":…,"reply":…}</c>; a duplicate carries the original reply.</summary>
public sealed record IngestAccepted(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("thread_id")] Guid? ThreadId,
    [property: JsonPropertyName("reply")] string? Reply)
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";

    public static IngestAccepted From(IngestResult result) =>
        new(result.IsDuplicate ? Duplicate : Processed, result.ThreadId, result.Reply);
}

/// <summary><c>{"status":"ignored","reason":"invalid_sender"}</c>: accepted and dropped, nothing recorded.</summary>
public sealed record IngestIgnored(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason)
{
    public static readonly IngestIgnored InvalidSender = new("ignored", "invalid_sender");
}
