using Microsoft.Playwright;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Infrastructure;

public static class ConsoleSessions
{
    /// <summary>A fresh browser context signed in as the user, on a live console page.</summary>
    public static async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> SignedInAsync(
        this ConsoleFixture fixture, string email, string password, int width = 1280, int height = 860)
    {
        var (context, page, errors) = await fixture.NewPageAsync(width, height);
        await new LoginPage(page).SignInAsync(email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await new ConsoleShell(page).WaitUntilLiveAsync();
        return (context, page, errors);
    }

    public static Task<ApiActor> DispatcherApiAsync(this ConsoleFixture fixture) =>
        ApiActor.SignInAsync(fixture.Host, RunningHost.DispatcherEmail, RunningHost.DispatcherPassword);

    /// <summary>Polls until the condition holds (for values the page and the database must agree on).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeoutMs} ms: {what}");
            await Task.Delay(200);
        }
    }
}
