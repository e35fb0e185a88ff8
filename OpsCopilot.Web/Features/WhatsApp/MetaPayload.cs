using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>One inbound message of a Cloud API delivery; <see cref="Body"/> is null for types without text.</summary>
internal sealed record MetaInboundMessage(string? From, string? Id, string? Body, string? Name, string? Timestamp);

/// <summary>A receipt for one of our outbound messages.</summary>
internal sealed record MetaStatusReceipt(string Id, string Status, string? Error);

/// <summary>
/// A WhatsApp Cloud API webhook delivery: <c>entry[].changes[].value</c> with <c>messages[]</c> (and the senders'
/// <c>contacts[]</c>) and/or <c>statuses[]</c>. Anything else Meta sends (account updates, …) is ignored.
/// </summary>
internal sealed record MetaPayload(IReadOnlyList<MetaInboundMessage> Messages, IReadOnlyList<MetaStatusReceipt> Statuses)
{
    public static bool TryParse(ReadOnlyMemory<byte> raw, [NotNullWhen(true)] out MetaPayload? payload,
        [NotNullWhen(false)] out PayloadError? error)
    {
        payload = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw, GatewayPayload.JsonOptions);
        }
        catch (JsonException)
        {
            error = new("body", "The request body is not valid JSON (UTF-8, no duplicate properties).");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                error = new("entry", "A Cloud API delivery is an object with an 'entry' array.");
                return false;
            }

            var messages = new List<MetaInboundMessage>();
            var statuses = new List<MetaStatusReceipt>();
            foreach (var value in Values(entries))
            {
                var names = ContactNames(value);
                foreach (var message in Array(value, "messages"))
                {
                    var from = Text(message, "from");
                    messages.Add(new MetaInboundMessage(from, Text(message, "id"), BodyOf(message), from is null ? null : names.GetValueOrDefault(from),
                        Text(message, "timestamp")));
                }

                foreach (var status in Array(value, "statuses"))
                {
                    if (Text(status, "id") is { } id && Text(status, "status") is { } state)
                        statuses.Add(new MetaStatusReceipt(id, state, ErrorOf(status)));
                }
            }

            payload = new MetaPayload(messages, statuses);
            error = null;
            return true;
        }
    }

    private static IEnumerable<JsonElement> Values(JsonElement entries)
    {
        foreach (var entry in entries.EnumerateArray())
        {
            foreach (var change in Array(entry, "changes"))
            {
                if (change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object) yield return value;
            }
        }
    }

    private static Dictionary<string, string> ContactNames(JsonElement value)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var contact in Array(value, "contacts"))
        {
            if (Text(contact, "wa_id") is { } waId && Object(contact, "profile") is { } profile && Text(profile, "name") is { } name)
                names[waId] = name;
        }

        return names;
    }

    /// <summary>The text a person typed or tapped: text, quick-reply button, interactive reply, or a media caption.</summary>
    private static string? BodyOf(JsonElement message) => Text(message, "type") switch
    {
        "text" => Object(message, "text") is { } text ? Text(text, "body") : null,
        "button" => Object(message, "button") is { } button ? Text(button, "text") : null,
        "interactive" => Object(message, "interactive") is { } interactive
            ? (Object(interactive, "button_reply") ?? Object(interactive, "list_reply")) is { } reply ? Text(reply, "title") : null
            : null,
        "image" or "video" or "document" => Object(message, Text(message, "type")!) is { } media ? Text(media, "caption") : null,
        _ => null,
    };

    private static string? ErrorOf(JsonElement status)
    {
        foreach (var error in Array(status, "errors"))
        {
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetRawText() : Text(error, "code");
            var title = Text(error, "title") ?? Text(error, "message");
            return string.Join(": ", new[] { code, title }.Where(p => !string.IsNullOrEmpty(p)));
        }

        return null;
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>A string (or number, for ids and timestamps) property; null when absent, invalid or holding NUL.</summary>
    private static string? Text(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value)) return null;
        try
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            return text is null || text.Contains('\0', StringComparison.Ordinal) ? null : text;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
