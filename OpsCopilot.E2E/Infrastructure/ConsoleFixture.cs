using Microsoft.Playwright;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>One running host and one headless Debian chromium for the whole E2E run (never a downloaded browser).</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public RunningHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // An expectation waits for the page as long as the smoke command does (15 s, not Playwright's 5 s): on two
        // cores shared by the host, PostgreSQL, chromium and the test runner a circuit round trip can take seconds,
        // and a test must fail for what the page shows, not for how busy the machine was.
        Assertions.SetDefaultExpectTimeout(15_000);
        Host = await RunningHost.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(playwright);
    }

    /// <summary>A fresh browser context (own cookies) with console errors collected.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        return (context, page, errors);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        // A picture of the page as it settled, not mid-transition: after a load the open drawer slides the page into place.
        await page.WaitForFunctionAsync("""
            () => {
                const moving = document.getAnimations().some(a => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
                if (moving) return false;
                const drawer = document.querySelector('[data-testid=drawer]'), main = document.querySelector('main');
                if (!drawer || !main || innerWidth < 960 || drawer.getAttribute('data-open') !== 'true') return true;
                return main.getBoundingClientRect().left >= drawer.getBoundingClientRect().right - 1;
            }
            """);
        var directory = Environment.GetEnvironmentVariable("OPS_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
