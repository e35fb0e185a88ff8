using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>The Users page through its test ids: the list with each user's role, and the add-user form.</summary>
public sealed class UsersPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("users-grid");

    public ILocator Row(string email) =>
        Grid.Locator("tbody tr", new() { Has = page.GetByTestId("user-email").GetByText(email, new() { Exact = true }) });

    public ILocator Field(string testId) => page.GetByTestId(testId);

    /// <summary>The form-wide refusal (one that belongs to no field).</summary>
    public ILocator Error => page.GetByTestId("user-error");

    public async Task AddAsync(string email, string role, string password)
    {
        await page.GetByTestId("new-user-email").FillAsync(email);
        await PickAsync(page.GetByTestId("new-user-role"), role);
        await page.GetByTestId("new-user-password").FillAsync(password);
        await page.GetByTestId("add-user").ClickAsync();
    }

    /// <summary>Chooses another role in the user's row; the confirmation opens.</summary>
    public Task PickRoleAsync(string email, string role) => PickAsync(Row(email).GetByTestId("user-role"), role);

    public async Task ChangeRoleAsync(string email, string role)
    {
        await PickRoleAsync(email, role);
        await new ActionDialog(page).ConfirmAsync();
        await Assertions.Expect(new ActionDialog(page).Snackbar($"{email} is now {role}.")).ToBeVisibleAsync();
    }

    private async Task PickAsync(ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
