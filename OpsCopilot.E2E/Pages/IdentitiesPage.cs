using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class IdentitiesPage(IPage page)
{
    private readonly RadzenControls radzen = new(page);

    /// <summary>The row of one paired phone, by its id: two numbers can share a mask (+436*******91).</summary>
    public ILocator Row(Guid identityId) =>
        page.GetByTestId("identities-grid").Locator("tbody tr", new() { Has = page.Locator($"[data-testid='identity-number'][data-identity-id='{identityId}']") });

    public async Task RevokeAsync(Guid identityId)
    {
        await Row(identityId).GetByTestId("revoke-identity").ClickAsync();
        await radzen.AnswerConfirmAsync("Revoke");
    }
}
