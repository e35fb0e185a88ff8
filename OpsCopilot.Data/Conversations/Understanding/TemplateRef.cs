namespace OpsCopilot.Data.Conversations.Understanding;

/// <param name="TemplateKey">Stable key such as "shift_reminder"; its words also select the template.</param>
/// <param name="ExpectedParams">Placeholder names the template needs, e.g. driver_name, date, time.</param>
/// <param name="Synonyms">Tenant-defined phrases that select this template in addition to the built-in vocabulary.</param>
public sealed record TemplateRef(string TemplateKey, IReadOnlyList<string> ExpectedParams, IReadOnlyList<string> Synonyms);
