using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The conversations page through its test ids: threads (search and the open thread in the URL), messages, reset, unblock.</summary>
public sealed class ConversationsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("threads-grid");

    public ILocator Rows => Grid.Locator("tbody tr");

    public ILocator Thread(Guid id) => Rows.Filter(new() { Has = page.Locator($"[data-testid='open-thread'][data-thread-id='{id}']") });

    public ILocator Detail => page.GetByTestId("thread-detail");

    public ILocator Messages => Detail.GetByTestId("thread-message");

    public ILocator State => Detail.GetByTestId("thread-state");

    public ILocator OlderButton => Detail.GetByTestId("thread-older");

    public ILocator UnblockDone => page.GetByTestId("unblock-done");

    public ILocator UnblockNotFound => page.GetByTestId("unblock-not-found");

    public ILocator UnblockForm => page.GetByTestId("unblock-form");

    public ILocator SearchBox => page.GetByTestId("thread-search");

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
    }

    public async Task SelectAsync(Guid threadId)
    {
        await Thread(threadId).GetByTestId("open-thread").ClickAsync();
        await Assertions.Expect(Detail).ToHaveAttributeAsync("data-thread-id", threadId.ToString());
    }

    public async Task ResetAsync()
    {
        await Detail.GetByTestId("reset-thread").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }

    /// <summary>Types the id and submits; the confirmation opens only when the form is valid.</summary>
    public async Task SubmitUnblockAsync(string messageId)
    {
        await page.GetByTestId("unblock-message-id").FillAsync(messageId);
        await page.GetByTestId("unblock-submit").ClickAsync();
    }

    public async Task UnblockAsync(string messageId)
    {
        await SubmitUnblockAsync(messageId);
        await new ActionDialog(page).ConfirmAsync();
    }
}
