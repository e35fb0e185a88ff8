using OpsCopilot.Data;
using OpsCopilot.Data.Broadcasts;

namespace OpsCopilot.Web.Features.Templates;

/// <summary>The editor's fields, as the form labels them.</summary>
public enum TemplateField { Name, Message, Placeholders, Language, WhatsAppName, Synonyms }

/// <summary>
/// TemplateService's rules told at the field, in the editor's own words ("Template name", "Message", "Placeholders"),
/// never the API's field names (template_key, body_template, expected_params). The service checks again on save;
/// a refusal it still finds is placed at its field by <see cref="FromRefusal"/>.
/// </summary>
public static class TemplateFormRules
{
    public static string Label(TemplateField field) => field switch
    {
        TemplateField.Name => "Template name",
        TemplateField.Message => "Message",
        TemplateField.Placeholders => "Placeholders",
        TemplateField.Language => "Language",
        TemplateField.WhatsAppName => "Name approved at WhatsApp",
        _ => "Synonyms",
    };

    /// <summary>Every problem of the form, at most one per field.</summary>
    public static IReadOnlyDictionary<TemplateField, string> Check(TemplateForm form, bool isNew)
    {
        var errors = new Dictionary<TemplateField, string>();
        var key = form.TemplateKey.Trim();
        if (isNew && key.Length == 0)
            errors[TemplateField.Name] = "Enter a template name, e.g. shift_reminder.";
        else if (isNew && !TemplateService.IsValidName(key))
            errors[TemplateField.Name] = "Use lowercase letters, digits and _ only, starting with a letter (at most 64), e.g. shift_reminder.";

        if (string.IsNullOrWhiteSpace(form.BodyTemplate))
            errors[TemplateField.Message] = "Write the message drivers receive.";
        else if (form.BodyTemplate.Length > 1024)
            errors[TemplateField.Message] = $"The message is {form.BodyTemplate.Length} characters long; at most 1024 fit.";

        if (PlaceholdersProblem(form) is { } placeholders)
            errors[TemplateField.Placeholders] = placeholders;

        var synonyms = CommaList.Split(form.Synonyms);
        if (synonyms.Count > 20 || synonyms.Any(s => s.Length > 60))
            errors[TemplateField.Synonyms] = "At most 20 synonyms, each at most 60 characters.";
        return errors;
    }

    /// <summary>What is wrong with Placeholders, also while typing: a bad name, a name twice, or a list that is not the message's.</summary>
    public static string? PlaceholdersProblem(TemplateForm form)
    {
        var names = form.ExpectedParamList;
        if (names.FirstOrDefault(n => !TemplateService.IsValidName(n)) is { } bad)
            return $"'{bad}' cannot be a placeholder: use lowercase letters, digits and _ only, e.g. driver_name.";
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"Placeholders lists {twice.Key} twice.";
        return string.IsNullOrWhiteSpace(form.BodyTemplate) ? null : Mismatch(form.BodyTemplate, names);
    }

    /// <summary>"The message uses {{start}}, which Placeholders does not list; Placeholders lists time, which the message never uses."</summary>
    public static string? Mismatch(string body, IReadOnlyList<string> placeholders)
    {
        var (unlisted, unused) = TemplatePlaceholders.Differences(body, placeholders);
        var parts = new List<string>();
        if (unlisted.Count > 0)
            parts.Add($"The message uses {string.Join(", ", unlisted.Select(p => "{{" + p + "}}"))}, which Placeholders does not list");
        if (unused.Count > 0)
            parts.Add($"Placeholders lists {string.Join(", ", unused)}, which the message never uses");
        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }

    /// <summary>The field a refusal of TemplateService belongs to, and what to say there.</summary>
    public static (TemplateField Field, string Message) FromRefusal(OpsException refused, TemplateForm form, bool isNew)
    {
        if (refused.Kind == OpsErrorKind.Conflict)
            return (TemplateField.Name, $"A template named {form.TemplateKey.Trim()} already exists: choose another name.");
        var field = refused.Field switch
        {
            "template_key" => TemplateField.Name,
            "body_template" => TemplateField.Message,
            "expected_params" => TemplateField.Placeholders,
            "synonyms" => TemplateField.Synonyms,
            _ => TemplateField.Message,
        };
        // The form's own words for the same rule; the service's message only if the form knows no better.
        return (field, Check(form, isNew).TryGetValue(field, out var message) ? message : refused.Message);
    }
}
