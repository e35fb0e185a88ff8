using System.Net;
using System.Net.Http.Json;
using System.Text;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

public sealed class AuthenticationTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task Login_sets_the_admin_session_cookie_and_returns_the_user()
    {
        var (tenant, user, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = factory.CreateClient(new() { HandleCookies = false });

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        body!["tenant_id"].ToString().ShouldBe(tenant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_and_failures_never_lock_the_account()
    {
        // Issue 11 changed this: failures back off per account and client address (Security/SignInTests) instead of
        // locking the account, which anyone knowing the email could do.
        var (_, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not-the-password" });
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            wrong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM auth.users WHERE id = $1 AND lockout_end IS NULL AND access_failed_count = 0", user.Id))
            .ShouldBe(1L);
    }

    [Fact]
    public async Task An_unknown_email_answers_exactly_like_a_wrong_password()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.test", password = "whatever-it-is" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Email or password is wrong.");
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("{\"email\": 42, \"password\": []}", "application/json")]
    [InlineData("{\"email\": \"not-an-email\", \"password\": \"x\"}", "application/json")]
    [InlineData("{}", "application/json")]
    public async Task Malformed_login_requests_are_400_problems(string body, string contentType)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/auth/login", new StringContent(body, Encoding.UTF8, contentType));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Api_calls_without_a_session_are_401_problems_not_redirects()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostAsync("/api/v1/auth/logout", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Console_pages_redirect_anonymous_browsers_to_the_login_page()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/system");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task A_second_host_instance_accepts_the_session_of_the_first()
    {
        var (_, user, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var first = await factory.SignedInClientAsync(user.Email!, password);
        (await first.GetAsync("/system")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = factory.Server.Services.GetType(); // keep the first instance alive
        cookie.ShouldNotBeNull();

        // A separate host on the same database: it can only read the cookie through the shared key ring.
        await using var second = new SecondHost(factory);
        var login = await first.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password });
        var sessionCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal)).Split(';')[0];
        var client = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/system");
        request.Headers.Add("Cookie", sessionCookie);

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.data_protection_keys")).ShouldBeGreaterThan(0L);
    }
}
