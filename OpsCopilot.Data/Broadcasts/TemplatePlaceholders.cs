using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Broadcasts;

/// <summary>{{name}} placeholders: what a body expects, and the body with values filled in.</summary>
public static partial class TemplatePlaceholders
{
    /// <summary>Filled per recipient at commit time, never by the dispatcher.</summary>
    public static readonly IReadOnlySet<string> PerRecipient = new HashSet<string>(StringComparer.Ordinal) { "driver_name" };

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    public static IReadOnlyList<string> Extract(string body) =>
        Placeholder().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    public static string Render(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>Placeholders the body uses but the list lacks, and listed names the body never uses (each sorted).</summary>
    public static (IReadOnlyList<string> Unlisted, IReadOnlyList<string> Unused) Differences(string body, IEnumerable<string> expectedParams)
    {
        var placeholders = Extract(body).ToHashSet(StringComparer.Ordinal);
        var expected = expectedParams.ToHashSet(StringComparer.Ordinal);
        return (placeholders.Except(expected).Order(StringComparer.Ordinal).ToList(), expected.Except(placeholders).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Null when the body's placeholders are exactly the expected params; else why not (in the API's field names).</summary>
    public static string? Mismatch(string body, IEnumerable<string> expectedParams)
    {
        var (extra, missing) = Differences(body, expectedParams);
        if (missing.Count == 0 && extra.Count == 0) return null;
        var parts = new List<string>();
        if (extra.Count > 0) parts.Add($"the body uses {string.Join(", ", extra.Select(p => "{{" + p + "}}"))} which expected_params does not list");
        if (missing.Count > 0) parts.Add($"expected_params lists {string.Join(", ", missing)} which the body never uses");
        return "Placeholders and expected_params differ: " + string.Join("; ", parts) + ".";
    }
}
