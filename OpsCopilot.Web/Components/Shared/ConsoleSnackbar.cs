using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>
/// How a page reports the outcome of an action: a summary and a detail, in one snackbar that tests find by its
/// data-testid ("snackbar", with data-severity). The provider shows them at the top, over the app bar, so they never
/// cover the page's own buttons.
/// </summary>
public static class ConsoleSnackbar
{
    public static void Report(this ISnackbar snackbar, Severity severity, string summary, string? detail = null) =>
        snackbar.Add(Message(severity, summary, detail), severity, options =>
        {
            options.VisibleStateDuration = severity == Severity.Error ? 12_000 : 8_000;
            options.ShowCloseIcon = true;
        });

    private static RenderFragment Message(Severity severity, string summary, string? detail) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "data-testid", "snackbar");
        builder.AddAttribute(2, "data-severity", severity.ToString().ToLowerInvariant());
        builder.OpenElement(3, "strong");
        builder.AddContent(4, summary);
        builder.CloseElement();
        if (!string.IsNullOrEmpty(detail))
        {
            builder.AddContent(5, " — ");
            builder.AddContent(6, detail);
        }
        builder.CloseElement();
    };
}
