namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Reads a broadcast request: the template, who gets it, and the date, time and params it states.
/// A message that names a template word but reads as a defect report with nobody addressed
/// ("Navi zeigt neue Route nicht an") is left to the ticket reader.
/// </summary>
public static class BroadcastRequestReader
{
    public static BroadcastRequest? TryRead(
        string text, IReadOnlyList<MessageToken> tokens, ProblemReport problem, InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        var match = TemplateMatcher.FindBest(tokens, context.Templates);
        if (match is null)
        {
            return null;
        }

        var recipients = RecipientResolver.Resolve(tokens, context.Drivers, match.TokenIndexes);
        if (problem.IsDefectReport && problem.HasIncidentOrPredicate && !recipients.NamesAnyone)
        {
            return null;
        }

        var today = TenantCalendar.LocalDate(context);
        var date = DateReader.Read(text, tokens, today);
        var time = TimeReader.Read(text);
        return new BroadcastRequest(
            match.Template.TemplateKey,
            recipients.AllDrivers,
            recipients.Drivers,
            recipients.UnresolvedNames,
            date,
            time,
            BroadcastParamsBuilder.Build(match.Template, text, tokens, date, time));
    }
}
