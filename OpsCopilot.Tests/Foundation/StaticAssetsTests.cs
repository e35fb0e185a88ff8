using System.Text.RegularExpressions;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

/// <summary>
/// The built host run from bin/ (as ./run.sh and the E2E host run it) serves the console's real CSS and JavaScript —
/// MudBlazor's, the SDK's blazor.web.js, the app's own — in Production too, where static web assets are otherwise a
/// Development-only feature and answered 200 with empty bodies.
/// </summary>
public sealed class StaticAssetsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_sign_in_page_links_real_non_empty_stylesheets_and_scripts(string environment)
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var webDll = WebHostProcess.FindWebDll();
        var wwwroot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(webDll)!, "..", "..", "..", "wwwroot"));
        await using var host = await WebHostProcess.StartAsync(webDll, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            // On loopback without TLS: name the host, and let cookies travel over plain HTTP (docs/security.md).
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["OpsCopilot__Transport__SecureCookies"] = "false",
            ["ConnectionStrings__Default"] = database.AppConnectionString,
            ["ConnectionStrings__Migrations"] = database.OwnerConnectionString,
            ["CLAWDBOT_WEBHOOK_SECRET"] = "static-assets-test-secret-0123456789",
            ["OPS_DEMO_ADMIN_PASSWORD"] = "Static-Assets-Admin-1",
            ["OPS_DEMO_DISPATCHER_PASSWORD"] = "Static-Assets-Dispatcher-1",
        });
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var page = await http.GetStringAsync("account/login");
        var assets = Regex.Matches(page, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value).ToList();

        assets.ShouldContain(a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        assets.ShouldContain(a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        assets.ShouldContain(a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        assets.ShouldContain(a => a.StartsWith("console.", StringComparison.Ordinal));
        foreach (var asset in assets.Append("_framework/blazor.web.js").Append("_content/MudBlazor/MudBlazor.min.css"))
        {
            using var response = await http.GetAsync(asset);
            response.IsSuccessStatusCode.ShouldBeTrue($"{asset}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsByteArrayAsync();
            // The app's own files come back byte for byte; the packages' (MudBlazor, the SDK's script) are large files.
            if (OwnSource(wwwroot, asset) is { } source)
                body.ShouldBe(await File.ReadAllBytesAsync(source), $"{asset} in {environment} is not {source}");
            else
                body.Length.ShouldBeGreaterThan(1000, $"{asset} in {environment} has an empty body");
        }
        (await http.GetStringAsync(assets.First(a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal)))).ShouldContain("Blazor");
    }

    /// <summary>"console.ab12cd34ef.css" → wwwroot/console.css; null for a package's or the framework's file.</summary>
    private static string? OwnSource(string wwwroot, string asset) =>
        asset.StartsWith('_') ? null : Path.Combine(wwwroot, Regex.Replace(asset, @"\.[a-z0-9]{10}\.(css|js)$", ".$1"));
}
