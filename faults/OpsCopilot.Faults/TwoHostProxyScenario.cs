using OpsCopilot.Bench;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Faults;

/// <summary>
/// Two hosts on one database behind Debian's HAProxy (docs/operations.md, "More than one host"): the gateway's load goes
/// through the proxy, a console user in chromium is on a live circuit of one host, and that host is killed (kill -9).
/// The other host keeps answering the webhook, nothing is lost or doubled, and the browser reconnects to the other host
/// (Blazor reloads the page when the new host does not know its circuit) and is still signed in: the session cookie
/// and the antiforgery keys come from the key ring in the database.
/// </summary>
internal sealed class TwoHostProxyScenario(
    HostHandle first, IReadOnlyDictionary<string, string> environment, string webDll, Ledger ledger, FaultOptions options, string runId,
    string repositoryRoot, TextWriter log)
{
    public const string Name = "two hosts behind HAProxy, one killed (proxy)";
    private static readonly TimeSpan TakeOver = TimeSpan.FromSeconds(10);

    /// <summary>A host that has served nothing yet pays for JIT and its first connections: not what a kill should measure.</summary>
    private async Task WarmUpAsync(HostHandle host)
    {
        var plan = GatewayLoad.Plan("warmup" + host.Name, runId, FaultSuite.Dispatchers, FaultSuite.Dispatchers * 2);
        await new GatewayLoad(host.BaseUrl, HostProcess.WebhookSecret, options.Concurrency).RunAsync(plan, 0, () => Task.CompletedTask);
    }

    public async Task<ScenarioResult> RunAsync()
    {
        log.WriteLine($"==> {Name}");
        await using var second = new HostHandle(webDll, environment, WebHostProcess.FreePort(), "b");
        await second.StartAsync();
        await WarmUpAsync(second);
        var artifacts = Path.Combine(repositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        await using var proxy = await Haproxy.StartAsync(WebHostProcess.FreePort(), [first, second], artifacts);
        await using var browser = await ConsoleBrowser.SignInAsync(proxy.BaseUrl, HostProcess.AdminEmail, HostProcess.AdminPassword);
        var before = await browser.StickyHostAsync();
        var victim = before == second.Name ? second : first;
        var survivor = victim == first ? second : first;
        var signedInAs = await browser.SignedInAsAsync();
        await browser.MarkAsync();
        log.WriteLine($"    browser signed in as {signedInAs} on host {before}; killing host {victim.Name} under load");

        var result = await FaultSuite.MeasureAsync(Name, proxy.BaseUrl, victim.KillAsync, ledger, options, runId, (result, outcome, killedAt) =>
        {
            // The other host keeps answering: acknowledgements go on right after the kill (requests that were in flight
            // on the dead host fail and are retried, and are counted above).
            var answered = outcome.FirstSuccessAfter(killedAt);
            result.Notes.Add($"first webhook acknowledgement {GatewayLoad.Seconds(answered)} after the kill");
            if (answered is null || answered > TakeOver)
                result.Failures.Add($"no webhook acknowledgement within {GatewayLoad.Seconds(TakeOver)} of the kill (the surviving host should answer at once)");
        });
        try
        {
            await browser.WaitForReloadAsync(TimeSpan.FromSeconds(90));
            await browser.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
            var after = await browser.StickyHostAsync();
            var nowSignedInAs = await browser.SignedInAsAsync();
            await browser.ScreenshotAsync(Path.Combine(artifacts, "faults-console-after-failover.png"));
            if (browser.Page.Url.Contains("/account/login", StringComparison.Ordinal)) result.Failures.Add("the console user was sent to the login page");
            if (nowSignedInAs != signedInAs) result.Failures.Add($"the console shows '{nowSignedInAs}' instead of '{signedInAs}'");
            if (after != survivor.Name) result.Failures.Add($"the browser is on host '{after}', not on the surviving host {survivor.Name}");
            result.Notes.Add($"console user {signedInAs} moved from host {before} to host {after} on a live circuit, still signed in " +
                             "(screenshot artifacts/faults-console-after-failover.png)");
        }
        catch (Exception ex) when (ex is TimeoutException or Microsoft.Playwright.PlaywrightException)
        {
            await browser.ScreenshotAsync(Path.Combine(artifacts, "faults-console-after-failover.png"));
            result.Failures.Add($"the console user did not reconnect to host {survivor.Name}: {ex.Message.Split('\n')[0]}");
        }

        // The suite's main host is back for whatever runs later.
        if (!first.IsRunning) await first.StartAsync();
        log.WriteLine($"    {(result.Passed ? "PASS" : "FAIL")}: {result.Acknowledged} acknowledged, {result.Lost} lost, {result.Doubled} doubled, " +
                      $"{result.ServerErrors} 5xx, recovery {GatewayLoad.Seconds(result.Recovery)}");
        return result;
    }
}
