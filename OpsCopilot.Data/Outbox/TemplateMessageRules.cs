using System.Text.RegularExpressions;
using OpsCopilot.Data.Broadcasts;

namespace OpsCopilot.Data.Outbox;

/// <summary>The template, bound and checked: either a refusal or the parameters in expected_params order.</summary>
public sealed record TemplateBinding(string? Refusal, IReadOnlyList<TemplateParameter> Parameters)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// What WhatsApp refuses for template messages, checked before anything is sent: the template must exist,
/// be approved and active, and the parameters must be exactly its expected_params (by name, or by count when
/// positional) with values WhatsApp accepts (not blank, no line breaks or tabs, no more than four spaces in a row).
/// </summary>
public static partial class TemplateMessageRules
{
    public static TemplateBinding Bind(BroadcastTemplate? template, string requestedName, TemplateParameters parameters)
    {
        if (template is null) return Refuse($"template '{requestedName}' does not exist for this tenant");
        if (!template.IsActive) return Refuse($"template '{template.TemplateKey}' is inactive");
        if (!template.IsApproved) return Refuse($"template '{template.TemplateKey}' is not approved for WhatsApp");
        if (parameters.Error is not null) return Refuse(parameters.Error);

        var expected = template.ExpectedParams;
        List<TemplateParameter> bound;
        if (parameters.IsNamed)
        {
            var names = parameters.Items.Select(p => p.Name!).ToList();
            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) return Refuse($"template parameter '{duplicate.Key}' is given more than once");
            var missing = expected.Except(names, StringComparer.Ordinal).ToList();
            var unexpected = names.Except(expected, StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                return Refuse($"parameters do not match template '{template.TemplateKey}' (expected_params [{string.Join(", ", expected)}])"
                    + (missing.Count > 0 ? $"; missing [{string.Join(", ", missing)}]" : "")
                    + (unexpected.Count > 0 ? $"; unexpected [{string.Join(", ", unexpected)}]" : ""));
            var byName = parameters.Items.ToDictionary(p => p.Name!, StringComparer.Ordinal);
            bound = expected.Select(name => byName[name]).ToList();
        }
        else
        {
            if (parameters.Items.Count != expected.Count)
                return Refuse($"template '{template.TemplateKey}' expects {expected.Count} parameter(s) [{string.Join(", ", expected)}], got {parameters.Items.Count}");
            bound = parameters.Items.Select((p, i) => new TemplateParameter(expected[i], p.Value)).ToList();
        }

        foreach (var parameter in bound)
        {
            if (string.IsNullOrWhiteSpace(parameter.Value))
                return Refuse($"template parameter '{parameter.Name}' is empty");
            if (parameter.Value.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0)
                return Refuse($"template parameter '{parameter.Name}' contains a line break or tab, which WhatsApp does not allow");
            if (parameter.Value.Contains("     ", StringComparison.Ordinal))
                return Refuse($"template parameter '{parameter.Name}' contains more than four consecutive spaces, which WhatsApp does not allow");
        }
        return new TemplateBinding(null, bound);
    }

    /// <summary>The body_template with every {{name}} replaced; unknown placeholders stay visible.</summary>
    public static string Render(string bodyTemplate, IReadOnlyList<TemplateParameter> parameters)
    {
        var values = parameters.Where(p => p.Name is not null).ToDictionary(p => p.Name!, p => p.Value, StringComparer.Ordinal);
        return Placeholder().Replace(bodyTemplate, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    private static TemplateBinding Refuse(string reason) => new(reason, []);

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
