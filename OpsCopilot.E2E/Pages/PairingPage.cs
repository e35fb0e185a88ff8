using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The Pairing page through its test ids: the user picker, the fresh code's card, the list of codes.</summary>
public sealed class PairingPage(IPage page)
{
    public ILocator UserPicker => page.GetByTestId("invite-user");
    public ILocator CreateButton => page.GetByTestId("create-invite");
    public ILocator Code => page.GetByTestId("pairing-code");
    public ILocator Qr => page.GetByTestId("pairing-qr");
    public ILocator Countdown => page.GetByTestId("expiry-countdown");
    public ILocator WhatsAppLink => page.GetByTestId("pairing-wa-link");
    public ILocator CodeCard => page.GetByTestId("pairing-code-card");
    public ILocator Paired => page.GetByTestId("pairing-paired");
    public ILocator Grid => page.GetByTestId("invites-grid");
    public ILocator InviteRows => Grid.Locator("tbody tr");

    /// <summary>The code just created (its card carries the invite's id).</summary>
    public async Task<Guid> ShownInviteIdAsync() => Guid.Parse((await page.GetByTestId("shown-invite").GetAttributeAsync("data-invite-id"))!);

    /// <summary>Picks the user by typing a part of their email and choosing the match, then creates the code.</summary>
    public async Task CreateInviteAsync(string userEmail)
    {
        await PickUserAsync(userEmail);
        await CreateButton.ClickAsync();
        await Assertions.Expect(Code).ToBeVisibleAsync();
    }

    public async Task PickUserAsync(string userEmail)
    {
        await UserPicker.ClickAsync();
        await UserPicker.FillAsync(userEmail.Split('@')[0]);
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = userEmail }).First.ClickAsync();
    }

    public ILocator Row(Guid inviteId) =>
        InviteRows.Filter(new() { Has = page.Locator($"[data-testid='invite'][data-invite-id='{inviteId}']") });

    public ILocator Status(Guid inviteId) => Row(inviteId).GetByTestId("invite-status");

    public async Task RevokeAsync(Guid inviteId)
    {
        await Row(inviteId).GetByTestId("revoke-invite").ClickAsync();
        await new ActionDialog(page).ConfirmAsync();
    }
}
