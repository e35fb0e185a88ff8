using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>Radzen's confirmation dialog, which every destructive action opens, and the notifications after it.</summary>
public sealed class ConfirmDialog(IPage page)
{
    public ILocator Dialog => page.Locator(".rz-dialog");

    public async Task AcceptAsync(string okText)
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = okText, Exact = true }).ClickAsync();
        await Assertions.Expect(Dialog).ToHaveCountAsync(0);
    }

    public ILocator Notification(string text) => page.Locator(".rz-notification-item").Filter(new() { HasText = text });
}
