using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The Radzen widgets the console pages share: drop-downs, confirm dialogs, notifications.</summary>
public sealed class RadzenControls(IPage page)
{
    /// <summary>Opens a RadzenDropDown and picks the item whose text contains <paramref name="itemText"/>.</summary>
    public async Task PickAsync(ILocator dropDown, string itemText)
    {
        await dropDown.ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = itemText }).First.ClickAsync();
    }

    public ILocator Dialog => page.Locator(".rz-dialog");

    /// <summary>Answers the open DialogService.Confirm with the button of that text.</summary>
    public async Task AnswerConfirmAsync(string button)
    {
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(Dialog).ToHaveCountAsync(0);
    }

    public ILocator Notifications => page.Locator(".rz-notification-item");
}
