using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The WhatsApp simulator: a phone number, a message, and the chat the webhook answers into.</summary>
public sealed class SimulatorPage(IPage page)
{
    public ILocator QuickPick => page.GetByTestId("simulator-quick-pick");
    public ILocator QuickPickOptions => page.GetByRole(AriaRole.Option);
    public ILocator Phone => page.GetByTestId("simulator-phone");
    public ILocator Message => page.GetByTestId("simulator-message");
    public ILocator Chat => page.GetByTestId("simulator-chat");
    public ILocator ChatTitle => page.GetByTestId("simulator-chat-title");
    public ILocator SentBubbles => Chat.GetByTestId("bubble-sent");
    public ILocator ReceivedBubbles => Chat.GetByTestId("bubble-received");
    public ILocator Notices => Chat.GetByTestId("bubble-notice");
    public ILocator Refusal => page.GetByTestId("simulator-refusal");
    public ILocator OutboundRows => page.GetByTestId("simulator-outbound-grid").Locator("tbody tr");

    /// <summary>Types the number and the message and sends; waits until the phone's bubble is in the chat.</summary>
    public async Task SendAsync(string phone, string text)
    {
        var sentBefore = await SentBubbles.Filter(new() { HasText = text }).CountAsync();
        await TryToSendAsync(phone, text);
        await Assertions.Expect(SentBubbles.Filter(new() { HasText = text })).ToHaveCountAsync(sentBefore + 1);
    }

    /// <summary>Sends another message from the number already in the field.</summary>
    public async Task SendAgainAsync(string text)
    {
        var sentBefore = await SentBubbles.Filter(new() { HasText = text }).CountAsync();
        await Message.FillAsync(text);
        await page.GetByTestId("simulator-send").ClickAsync();
        await Assertions.Expect(SentBubbles.Filter(new() { HasText = text })).ToHaveCountAsync(sentBefore + 1);
    }

    /// <summary>Types a number and leaves the field, as an operator picking up a conversation does.</summary>
    public async Task EnterPhoneAsync(string phone)
    {
        await Phone.FillAsync(phone);
        await Phone.BlurAsync();
    }

    /// <summary>Fills the form and presses Send, whatever the form then says.</summary>
    public async Task TryToSendAsync(string phone, string text)
    {
        await EnterPhoneAsync(phone);
        await Message.FillAsync(text);
        await page.GetByTestId("simulator-send").ClickAsync();
    }

    /// <summary>Opens the quick pick without typing anything.</summary>
    public Task OpenQuickPickAsync() => QuickPick.ClickAsync();

    public ILocator Received(string text) => ReceivedBubbles.Filter(new() { HasText = text });
}
