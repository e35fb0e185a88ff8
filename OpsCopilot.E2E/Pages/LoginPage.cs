using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    public ILocator Error => page.GetByTestId("login-error");
}
