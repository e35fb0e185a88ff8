using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Fills the template params the message itself answers: date ("dd.MM.yyyy"), time ("HH:mm"), route, and any other
/// param written as "name: value". Per-recipient params such as driver_name are left for the expansion step.
/// </summary>
public static class BroadcastParamsBuilder
{
    public static IReadOnlyDictionary<string, string> Build(
        TemplateRef template, string text, IReadOnlyList<MessageToken> tokens, DateOnly? date, TimeOnly? time)
    {
        ArgumentNullException.ThrowIfNull(template);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in template.ExpectedParams)
        {
            var value = TemplateParamKinds.Of(name) switch
            {
                TemplateParamKind.Date => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                TemplateParamKind.Time => time?.ToString("HH:mm", CultureInfo.InvariantCulture),
                TemplateParamKind.Route => RouteReader.Read(text, tokens),
                TemplateParamKind.Other => LabelledValue(text, name),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value;
            }
        }

        return values;
    }

    private static string? LabelledValue(string text, string paramName)
    {
        // "depot_name" may be written "depot name:", "Depot-Name =" or "depot_name:"; the value ends at a comma or
        // sentence end, but a dot inside a word ("B7.1") does not end it.
        var words = paramName.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var label = string.Join(@"[\s_\-]?", words);
        var match = Regex.Match(
            text,
            $@"(?<!\p{{L}}){label}\s*[:=]\s*(?<value>(?:[^\n,;!?.]|\.(?!\s|$))+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups["value"].Value.Trim() : null;
    }
}
