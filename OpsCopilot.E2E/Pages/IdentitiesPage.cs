using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class IdentitiesPage(IPage page)
{
    private readonly RadzenControls radzen = new(page);

    public ILocator Row(string maskedNumber) =>
        page.GetByTestId("identities-grid").Locator("tbody tr", new() { Has = page.GetByTestId("identity-number").GetByText(maskedNumber, new() { Exact = true }) });

    public async Task RevokeAsync(string maskedNumber)
    {
        await Row(maskedNumber).GetByTestId("revoke-identity").ClickAsync();
        await radzen.AnswerConfirmAsync("Revoke");
    }
}
