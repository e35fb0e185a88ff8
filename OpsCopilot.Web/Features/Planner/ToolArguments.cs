using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// Strict reading of a tool call's JSON arguments: a value of the wrong type is an error the model is told about,
/// never coerced. Strings come back trimmed with runs of whitespace (newlines included) collapsed, because they end up
/// in one-line WhatsApp previews.
/// </summary>
public sealed partial class ToolArguments
{
    private readonly JsonElement root;

    private ToolArguments(JsonElement root) => this.root = root;

    public static ToolArguments Parse(BinaryData arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            using var document = JsonDocument.Parse(arguments.ToMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ToolArgumentException("The arguments must be a JSON object.");
            return new ToolArguments(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw new ToolArgumentException("The arguments are not valid JSON.");
        }
    }

    public string RequiredString(string name, int maxLength) =>
        OptionalString(name, maxLength) ?? throw new ToolArgumentException($"{name} is required.");

    /// <summary>Missing, null and blank all mean "not given".</summary>
    public string? OptionalString(string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw new ToolArgumentException($"{name} must be a string.");
        return Clean(value.GetString()!, name, maxLength);
    }

    /// <summary>An array of strings; a single string is taken as a one-element list ("ALL").</summary>
    public IReadOnlyList<string> StringList(string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind == JsonValueKind.String)
            return Clean(value.GetString()!, name, maxLength) is { } single ? [single] : [];
        if (value.ValueKind != JsonValueKind.Array)
            throw new ToolArgumentException($"{name} must be an array of strings.");
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new ToolArgumentException($"{name} must be an array of strings.");
            if (Clean(item.GetString()!, name, maxLength) is { } text)
                items.Add(text);
        }

        return items;
    }

    public IReadOnlyDictionary<string, string> StringMap(string name, int maxLength)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return map;
        if (value.ValueKind != JsonValueKind.Object)
            throw new ToolArgumentException($"{name} must be an object of strings.");
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw new ToolArgumentException($"{name}.{property.Name} must be a string.");
            if (Clean(property.Value.GetString()!, $"{name}.{property.Name}", maxLength) is { } text)
                map[property.Name] = text;
        }

        return map;
    }

    private static string? Clean(string value, string name, int maxLength)
    {
        var text = Whitespace().Replace(value, " ").Trim();
        if (text.Length > maxLength)
            throw new ToolArgumentException($"{name} must be at most {maxLength} characters.");
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
