using OpsCopilot.Data.Broadcasts;

namespace OpsCopilot.Web.Features.Templates;

/// <summary>The editor's fields as typed; <see cref="TemplateService"/> validates what <see cref="ToInput"/> makes of them.</summary>
public sealed class TemplateForm
{
    public string TemplateKey { get; set; } = "";
    public string BodyTemplate { get; set; } = "";
    public string ExpectedParams { get; set; } = "";
    public string Synonyms { get; set; } = "";
    public string Language { get; set; } = "de";
    public string? WaTemplateName { get; set; }
    public string Audience { get; set; } = "DRIVER";

    public IReadOnlyList<string> ExpectedParamList => CommaList.Split(ExpectedParams);

    public static TemplateForm From(BroadcastTemplate template) => new()
    {
        TemplateKey = template.TemplateKey,
        BodyTemplate = template.BodyTemplate,
        ExpectedParams = CommaList.Join(template.ExpectedParams),
        Synonyms = CommaList.Join(template.Synonyms),
        Language = template.Language,
        WaTemplateName = template.WaTemplateName,
        Audience = template.Audience,
    };

    public TemplateInput ToInput() =>
        new(TemplateKey.Trim(), BodyTemplate, ExpectedParamList, WaTemplateName, Language, CommaList.Split(Synonyms), Audience);

    /// <summary>
    /// The names the preview asks sample values for: the body's placeholders in order of appearance, then expected
    /// params the body does not use (yet).
    /// </summary>
    public IReadOnlyList<string> SampleNames() =>
        TemplatePlaceholders.Extract(BodyTemplate).Concat(ExpectedParamList).Distinct(StringComparer.Ordinal).ToList();
}
