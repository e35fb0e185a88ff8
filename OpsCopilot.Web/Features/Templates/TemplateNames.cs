namespace OpsCopilot.Web.Features.Templates;

/// <summary>
/// A template as people name it: the key "shift_reminder" reads "Shift reminder". Templates shows it so, and every
/// other page that names a template (Notifications, Drafts) uses this helper, so one template has one name everywhere.
/// The key itself stays visible in small print where it must be typed (the planner, the API).
/// </summary>
public static class TemplateNames
{
    public static string Display(string templateKey)
    {
        var words = (templateKey ?? "").Trim().Replace('_', ' ').Replace('-', ' ');
        words = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return words.Length == 0 ? "Unnamed template" : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
