using Microsoft.Playwright;

namespace OpsCopilot.Faults;

/// <summary>
/// A console user in headless Debian chromium (never a downloaded browser), signed in through the proxy, on a live
/// Blazor circuit. The hooks it relies on are the ones the browser tests use: the layout's #circuit-live marker (rendered
/// once the circuit is interactive) and the signed-in user's name (data-testid="current-user").
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    private const string ReloadMarker = "window.__opsBeforeFailover";
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>What the page complained about (console errors, failed responses), for the report when it fails.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<ConsoleBrowser> SignInAsync(Uri proxy, string email, string password)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = proxy.ToString() });
        // The scriptable login (README): its cookies land in the browser's jar, the proxy's sticky cookie with them.
        var login = await context.APIRequest.PostAsync("api/v1/auth/login", new APIRequestContextOptions { DataObject = new { email, password } });
        if (!login.Ok) throw new InvalidOperationException($"Sign-in through the proxy failed: {login.Status} {await login.TextAsync()}");
        var page = await context.NewPageAsync();
        var console = new ConsoleBrowser(playwright, browser, context, page);
        page.Console += (_, message) => { if (message.Type == "error") lock (console.Errors) console.Errors.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) lock (console.Errors) console.Errors.Add($"{response.Status} {response.Url}"); };
        try
        {
            await page.GotoAsync("drafts");
            await console.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await console.DisposeAsync();
            throw new TimeoutException($"The console never went live at {page.Url}: {string.Join("; ", console.Errors.Take(10))}");
        }
        return console;
    }

    public Task WaitUntilLiveAsync(TimeSpan timeout) =>
        Page.Locator("#circuit-live").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = (float)timeout.TotalMilliseconds });

    public Task<string> SignedInAsAsync() => Page.GetByTestId("current-user").InnerTextAsync();

    public async Task<string?> StickyHostAsync() =>
        (await Context.CookiesAsync()).FirstOrDefault(c => c.Name == Haproxy.StickyCookie)?.Value;

    /// <summary>Marks the loaded page, so a reload (Blazor's answer to a circuit the new host does not know) is visible.</summary>
    public Task MarkAsync() => Page.EvaluateAsync($"() => {{ {ReloadMarker} = true; }}");

    public Task WaitForReloadAsync(TimeSpan timeout) =>
        Page.WaitForFunctionAsync($"() => {ReloadMarker} === undefined", null, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 200 });

    public Task ScreenshotAsync(string path) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
