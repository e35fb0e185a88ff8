namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>Turns a defect report into a ticket request; anything that is no defect report yields null.</summary>
public static class TicketRequestReader
{
    public static TicketRequest? TryRead(string text, ProblemReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        if (!report.IsDefectReport)
        {
            return null;
        }

        var description = text.Trim();
        return new TicketRequest(TicketTitleBuilder.Build(report, text), description, report.Plate?.Normalized);
    }
}
