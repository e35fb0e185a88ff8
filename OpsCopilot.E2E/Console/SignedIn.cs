using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

/// <summary>A browser context signed in as one of the demo users, on a live circuit.</summary>
public sealed record SignedIn(IBrowserContext Context, IPage Page, List<string> Errors, ConsoleShell Shell) : IAsyncDisposable
{
    public static Task<SignedIn> AdminAsync(ConsoleFixture fixture, int width = 1280, int height = 860) =>
        AsAsync(fixture, RunningHost.AdminEmail, RunningHost.AdminPassword, width, height);

    public static Task<SignedIn> DispatcherAsync(ConsoleFixture fixture, int width = 1280, int height = 860) =>
        AsAsync(fixture, RunningHost.DispatcherEmail, RunningHost.DispatcherPassword, width, height);

    /// <summary>The quality tests' "admin" or "dispatcher" at a screen size.</summary>
    public static Task<SignedIn> AsRoleAsync(ConsoleFixture fixture, string who, int width, int height) => who switch
    {
        "admin" => AdminAsync(fixture, width, height),
        "dispatcher" => DispatcherAsync(fixture, width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, "admin or dispatcher"),
    };

    public static async Task<SignedIn> AsAsync(ConsoleFixture fixture, string email, string password, int width = 1280, int height = 860)
    {
        var (context, page, errors) = await fixture.NewPageAsync(width, height);
        await new LoginPage(page).SignInAsync(email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var shell = new ConsoleShell(page);
        await shell.WaitUntilLiveAsync();
        return new SignedIn(context, page, errors, shell);
    }

    /// <summary>Opens the page through the navigation menu (enhanced navigation inside the circuit).</summary>
    public async Task OpenAsync(string navigationTitle, string path)
    {
        await Shell.NavigateAsync(navigationTitle);
        await Page.WaitForURLAsync("**/" + path);
    }

    /// <summary>Loads the page by address (on a phone the menu sits behind the sidebar toggle) and waits for its circuit.</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await Shell.WaitUntilLiveAsync();
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
