using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// Issue 11, finding 6 (and the /metrics and /openapi part of 7): security headers on every response, no Host header
/// reflected, and in Production HSTS, Secure cookies, AllowedHosts, forwarded headers only from known proxies, and the
/// operational endpoints closed unless configured.
/// </summary>
public sealed class HeadersAndTransportTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private const string PublicHost = "ops.example";
    private const string Proxy = "10.0.0.5";
    private const string MetricsToken = "metrics-token-for-tests-0123456789";

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/ops/drafts")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        csp.ShouldContain("script-src 'self';");
        csp.ShouldNotContain("unsafe-eval");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task A_forged_host_never_reaches_a_redirect()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/system");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/account/login");
        location.ShouldNotContain("evil.example");
    }

    [Fact]
    public async Task In_production_the_host_is_checked_https_is_strict_and_the_session_cookie_is_secure()
    {
        await using var production = Production(factory);
        var (_, user, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = production.CreateClient(new() { BaseAddress = new Uri($"https://{PublicHost}/"), AllowAutoRedirect = false });

        using var page = await client.GetAsync("/account/login");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldStartWith("max-age=31536000");

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal)).ShouldContain("secure");

        var forged = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        forged.Headers.Host = "evil.example";
        (await client.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task In_production_metrics_and_openapi_are_closed_unless_configured()
    {
        await using var closed = Production(factory);
        var client = closed.CreateClient(new() { BaseAddress = new Uri($"https://{PublicHost}/") });
        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Outside Production both stay as they were.
        (await factory.CreateClient().GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var withToken = Production(factory, ("OpsCopilot:Transport:MetricsToken", MetricsToken), ("OpsCopilot:Transport:OpenApi", "true"));
        var scraper = withToken.CreateClient(new() { BaseAddress = new Uri($"https://{PublicHost}/") });
        (await scraper.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new("Bearer", "not-" + MetricsToken);
        (await scraper.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var right = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        right.Headers.Authorization = new("Bearer", MetricsToken);
        using var metrics = await scraper.SendAsync(right);
        metrics.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await metrics.Content.ReadAsStringAsync()).ShouldContain("# TYPE notify_outbox_depth");
        (await scraper.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forwarded_proto_counts_only_from_a_known_proxy()
    {
        await using var production = Production(factory, ("OpsCopilot:Transport:KnownProxies:0", Proxy));

        var viaProxy = await SendAsync(production, Proxy);
        var direct = await SendAsync(production, "203.0.113.9");

        viaProxy.Headers.ContainsKey("Strict-Transport-Security").ShouldBeTrue();
        direct.Headers.ContainsKey("Strict-Transport-Security").ShouldBeFalse();
    }

    /// <summary>An http request for /account/login from <paramref name="remote"/>, claiming https via X-Forwarded-Proto.</summary>
    private static async Task<HttpResponse> SendAsync(WebApplicationFactory<Program> host, string remote)
    {
        var context = await host.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            http.Request.Method = HttpMethods.Get;
            http.Request.Scheme = "http";
            http.Request.Host = new HostString(PublicHost);
            http.Request.Path = "/account/login";
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
        });
        return context.Response;
    }

    private static WebApplicationFactory<Program> Production(OpsWebFactory factory, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("AllowedHosts", PublicHost);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
}
