using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>The gateway's JSON: <c>{"from","body","message_id"}</c>, optionally <c>name</c> and <c>timestamp</c>.</summary>
internal sealed record GatewayPayload(string From, string Body, string? MessageId, string? Name, string? Timestamp)
{
    public const int MaxIdLength = 256;

    internal static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>Parses and validates; on failure names the field and why, for the 400 answer.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> raw, [NotNullWhen(true)] out GatewayPayload? payload,
        [NotNullWhen(false)] out PayloadError? error)
    {
        payload = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw, JsonOptions);
        }
        catch (JsonException)
        {
            error = new("body", "The request body is not valid JSON (UTF-8, one object, no duplicate properties).");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new("body", "The request body must be a JSON object.");
                return false;
            }

            if (!PayloadFields.RequiredText(root, "from", out var from, out error)
                || !PayloadFields.RequiredText(root, "body", out var body, out error)
                || !PayloadFields.OptionalText(root, "message_id", MaxIdLength, out var messageId, out error)
                || !PayloadFields.OptionalText(root, "name", MaxIdLength, out var name, out error)
                || !PayloadFields.OptionalTimestamp(root, "timestamp", out var timestamp, out error))
            {
                return false;
            }

            payload = new GatewayPayload(from, body, string.IsNullOrEmpty(messageId) ? null : messageId, name, timestamp);
            error = null;
            return true;
        }
    }
}

/// <summary>Why a payload was refused, naming the field (or <c>body</c> for the document itself).</summary>
internal sealed record PayloadError(string Field, string Detail);

/// <summary>Typed field access that never throws on hostile input.</summary>
internal static class PayloadFields
{
    public static bool RequiredText(JsonElement root, string field, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out PayloadError? error)
    {
        value = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = new(field, $"'{field}' is required.");
            return false;
        }

        if (!TryReadText(element, field, out value, out error)) return false;
        if (value.Trim().Length == 0)
        {
            error = new(field, $"'{field}' must not be empty.");
            value = null;
            return false;
        }

        return true;
    }

    public static bool OptionalText(JsonElement root, string field, int maxLength, out string? value, [NotNullWhen(false)] out PayloadError? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (!TryReadText(element, field, out var text, out error)) return false;
        if (text.Length > maxLength)
        {
            error = new(field, $"'{field}' must not be longer than {maxLength} characters.");
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>Unix seconds as a number or a string of digits; kept as text for the fallback idempotency key.</summary>
    public static bool OptionalTimestamp(JsonElement root, string field, out string? value, [NotNullWhen(false)] out PayloadError? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        var text = element.ValueKind switch
        {
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.String => SafeString(element),
            _ => null,
        };
        if (text is null || text.Length is 0 or > 32)
        {
            error = new(field, $"'{field}' must be a unix timestamp (number or string).");
            return false;
        }

        value = text;
        return true;
    }

    private static bool TryReadText(JsonElement element, string field, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out PayloadError? error)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            error = new(field, $"'{field}' must be a string, not {element.ValueKind.ToString().ToLowerInvariant()}.");
            return false;
        }

        value = SafeString(element);
        if (value is null)
        {
            error = new(field, $"'{field}' is not valid text (unpaired surrogate escape).");
            return false;
        }

        // PostgreSQL text cannot hold NUL; refusing it here keeps it from failing the transaction later.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            error = new(field, $"'{field}' must not contain NUL characters.");
            value = null;
            return false;
        }

        error = null;
        return true;
    }

    private static string? SafeString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
