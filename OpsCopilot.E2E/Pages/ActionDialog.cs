using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>
/// The MudBlazor confirmation every consequential action opens (ConfirmActionDialog), and the snackbar that reports
/// the outcome. Test ids only.
/// </summary>
public sealed class ActionDialog(IPage page)
{
    public ILocator Consequence => page.GetByTestId("confirm-dialog-consequence");

    public async Task ConfirmAsync()
    {
        await page.GetByTestId("confirm-dialog-confirm").ClickAsync();
        await Assertions.Expect(Consequence).ToHaveCountAsync(0);
    }

    public async Task KeepAsync()
    {
        await page.GetByTestId("confirm-dialog-keep").ClickAsync();
        await Assertions.Expect(Consequence).ToHaveCountAsync(0);
    }

    public ILocator Snackbar(string text) => page.GetByTestId("snackbar").Filter(new() { HasText = text });
}
