namespace OpsCopilot.Data.Conversations.Understanding;

/// <param name="Template">The chosen template.</param>
/// <param name="Score">Higher is a more specific match; a written phrase beats scattered concept words.</param>
/// <param name="TokenIndexes">Message words that selected the template, so they are not mistaken for names.</param>
public sealed record TemplateMatch(TemplateRef Template, int Score, IReadOnlySet<int> TokenIndexes);
