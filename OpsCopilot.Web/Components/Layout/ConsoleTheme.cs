using MudBlazor;

namespace OpsCopilot.Web.Components.Layout;

/// <summary>
/// The console's one MudBlazor theme. Colours are chosen for WCAG 2.2 AA: every text colour reaches 4.5:1 on the
/// surface it is used on (the old muted grey reached 1.9:1). Fonts are the system's own (nothing is fetched).
/// </summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4fa8",          // 7.0:1 on white
            Secondary = "#5b3fa0",
            Info = "#0b5cad",
            Success = "#1b6e2a",          // 6.1:1
            Warning = "#8a4b00",          // 6.3:1 (dark amber: orange text on peach was 1.8:1)
            Error = "#b3261e",            // 6.5:1
            AppbarBackground = "#16335f",
            AppbarText = "#ffffff",
            Background = "#f5f6f8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            TextPrimary = "#1f2937",
            TextSecondary = "#4b5563",    // 7.5:1 on white, 7.0:1 on the background
            ActionDefault = "#374151",
            TextDisabled = "#6b7280",
            LinesDefault = "#d1d5db",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "248px" },
    };
}
