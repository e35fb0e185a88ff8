using MudBlazor;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>How a page asks before it acts: <c>if (!await Dialogs.ConfirmAsync(...)) return;</c></summary>
public static class ConsoleDialogs
{
    /// <summary>Shows <see cref="ConfirmActionDialog"/>; true only when the user chose <paramref name="confirmText"/>
    /// (Back, Escape and closing keep everything as it was — the page's filters included).</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string consequence, string confirmText,
        string keepText = "Back", bool destructive = false, string? warning = null)
    {
        var parameters = new DialogParameters<ConfirmActionDialog>
        {
            { d => d.Title, title },
            { d => d.Consequence, consequence },
            { d => d.ConfirmText, confirmText },
            { d => d.KeepText, keepText },
            { d => d.Destructive, destructive },
            { d => d.Warning, warning },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await dialogs.ShowAsync<ConfirmActionDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }
}
