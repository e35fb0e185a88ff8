using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The conversations page: threads, the selected thread's messages, reset and unblock.</summary>
public sealed class ConversationsPage(IPage page)
{
    public ILocator Thread(Guid id) => page.GetByTestId("threads-grid").Locator($"tr[data-thread-id='{id}']");

    public ILocator Detail => page.GetByTestId("thread-detail");

    public ILocator Messages => Detail.GetByTestId("thread-message");

    public ILocator State => Detail.GetByTestId("thread-state");

    public ILocator OlderButton => Detail.GetByTestId("thread-older");

    public ILocator UnblockDone => page.GetByTestId("unblock-done");

    public ILocator UnblockNotFound => page.GetByTestId("unblock-not-found");

    public ILocator UnblockForm => page.GetByTestId("unblock-form");

    public async Task SelectAsync(Guid threadId)
    {
        await Thread(threadId).ClickAsync();
        await Assertions.Expect(Detail).ToHaveAttributeAsync("data-thread-id", threadId.ToString());
    }

    public async Task ResetAsync()
    {
        await Detail.GetByTestId("reset-thread").ClickAsync();
        await new ConfirmDialog(page).AcceptAsync("Reset");
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
        await new ConfirmDialog(page).AcceptAsync("Unblock");
    }
}
