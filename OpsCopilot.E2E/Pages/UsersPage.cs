using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class UsersPage(IPage page)
{
    private readonly RadzenControls radzen = new(page);

    public ILocator Row(string email) =>
        page.GetByTestId("users-grid").Locator("tbody tr", new() { Has = page.GetByTestId("user-email").GetByText(email, new() { Exact = true }) });
    public ILocator Error => page.GetByTestId("user-error");

    public async Task AddAsync(string email, string role, string password)
    {
        await page.GetByTestId("new-user-email").FillAsync(email);
        await radzen.PickAsync(page.GetByTestId("new-user-role"), role);
        await page.GetByTestId("new-user-password").FillAsync(password);
        await page.GetByTestId("add-user").ClickAsync();
    }

    public async Task ChangeRoleAsync(string email, string role)
    {
        await radzen.PickAsync(Row(email).GetByTestId("user-role"), role);
        await radzen.AnswerConfirmAsync("Change role");
        await Assertions.Expect(radzen.Notifications.Filter(new() { HasText = $"{email} is now {role}." })).ToBeVisibleAsync();
    }
}
