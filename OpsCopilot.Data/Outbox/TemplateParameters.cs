using System.Globalization;
using System.Text.Json;

namespace OpsCopilot.Data.Outbox;

/// <summary>
/// ops.notifications.template_params read back: a JSON object is named parameters ({"date": "24.12."}),
/// a JSON array positional ones (["Max", "24.12."]). Values must be scalars.
/// </summary>
public sealed record TemplateParameters(IReadOnlyList<TemplateParameter> Items, bool IsNamed, string? Error = null)
{
    public static readonly TemplateParameters None = new([], IsNamed: true);

    public static TemplateParameters Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => Named(root),
                JsonValueKind.Array => Positional(root),
                JsonValueKind.Null => None,
                _ => Invalid("template_params must be a JSON object (named) or array (positional)"),
            };
        }
        catch (JsonException)
        {
            return Invalid("template_params is not valid JSON");
        }
    }

    /// <summary>Serialises named parameters the way the outbox stores them.</summary>
    public static string Serialize(IEnumerable<KeyValuePair<string, string>> named) =>
        JsonSerializer.Serialize(named.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    private static TemplateParameters Named(JsonElement root)
    {
        var items = new List<TemplateParameter>();
        foreach (var property in root.EnumerateObject())
        {
            if (Scalar(property.Value) is not { } value)
                return Invalid($"template parameter '{property.Name}' is not a text, number or boolean");
            items.Add(new TemplateParameter(property.Name, value));
        }
        return new TemplateParameters(items, IsNamed: true);
    }

    private static TemplateParameters Positional(JsonElement root)
    {
        var items = new List<TemplateParameter>();
        var position = 0;
        foreach (var element in root.EnumerateArray())
        {
            position++;
            if (Scalar(element) is not { } value)
                return Invalid($"template parameter {position.ToString(CultureInfo.InvariantCulture)} is not a text, number or boolean");
            items.Add(new TemplateParameter(null, value));
        }
        return new TemplateParameters(items, IsNamed: false);
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => null,
    };

    private static TemplateParameters Invalid(string error) => new([], IsNamed: true, error);
}
