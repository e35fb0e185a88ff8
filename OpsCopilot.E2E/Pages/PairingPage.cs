using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class PairingPage(IPage page)
{
    private readonly RadzenControls radzen = new(page);

    public ILocator Code => page.GetByTestId("pairing-code");
    public ILocator Qr => page.GetByTestId("pairing-qr");
    public ILocator Countdown => page.GetByTestId("expiry-countdown");
    public ILocator WhatsAppLink => page.GetByTestId("pairing-wa-link");
    public ILocator CodeCard => page.GetByTestId("pairing-code-card");
    public ILocator InviteRows => page.GetByTestId("invites-grid").Locator("tbody tr");

    public async Task CreateInviteAsync(string userEmail)
    {
        await radzen.PickAsync(page.GetByTestId("invite-user"), userEmail);
        await page.GetByTestId("create-invite").ClickAsync();
        await Assertions.Expect(Code).ToBeVisibleAsync();
    }

    public async Task RevokeNewestInviteAsync()
    {
        await InviteRows.First.GetByTestId("revoke-invite").ClickAsync();
        await radzen.AnswerConfirmAsync("Revoke");
    }

    public ILocator NewestInviteStatus => InviteRows.First.GetByTestId("invite-status");
}
