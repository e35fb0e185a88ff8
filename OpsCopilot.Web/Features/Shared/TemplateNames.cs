namespace OpsCopilot.Web.Features.Shared;

/// <summary>
/// How the console names a broadcast template, the same on every page: by its key, as the Templates page, the drafts
/// and the audit sentences do ("shift_reminder"), never by the WhatsApp template name an outbox row was sent with.
/// </summary>
public static class TemplateNames
{
    public static string Display(string templateKey) => templateKey;
}
