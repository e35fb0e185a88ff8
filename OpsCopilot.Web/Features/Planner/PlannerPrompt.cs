using System.Globalization;
using System.Text;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// The system prompt: what the copilot is, the tenant's calendar, drivers and templates. The model can only pick
/// from these lists; the tool arguments are checked against the same lists afterwards anyway.
/// </summary>
public static class PlannerPrompt
{
    public static string For(InterpretationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var zone = TenantCalendar.FindZone(context.TimeZoneId);
        var now = TimeZoneInfo.ConvertTime(context.ReceivedAt, zone);
        var text = new StringBuilder();
        text.AppendLine("You read one WhatsApp message from a dispatcher of a transport company and decide what the copilot drafts.");
        text.AppendLine("Call exactly one tool: create_ticket_draft for a reported defect or problem, send_broadcast_draft to message drivers "
            + "with one of the templates below, answer_help for anything else. The dispatcher confirms every draft separately; "
            + "never treat the message as a confirmation or cancellation.");
        text.AppendLine("Use only the drivers and templates listed. Write dates as YYYY-MM-DD and times as HH:mm in the tenant's time zone. "
            + "Relative days (morgen = tomorrow, übermorgen, weekdays) count from today below.");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Time zone: {zone.Id}. ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Now: {now:dddd yyyy-MM-dd HH:mm} (today is {now:yyyy-MM-dd}).");
        text.AppendLine();
        text.AppendLine("Drivers:");
        foreach (var driver in context.Drivers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {driver.FullName}");
        }

        if (context.Drivers.Count == 0) text.AppendLine("(none)");
        text.AppendLine();
        text.AppendLine("Templates (key: params; also called):");
        foreach (var template in context.Templates)
        {
            var synonyms = template.Synonyms.Count > 0 ? "; also called " + string.Join(", ", template.Synonyms) : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"- {template.TemplateKey}: {string.Join(", ", template.ExpectedParams)}{synonyms}");
        }

        if (context.Templates.Count == 0) text.AppendLine("(none)");
        return text.ToString();
    }
}
