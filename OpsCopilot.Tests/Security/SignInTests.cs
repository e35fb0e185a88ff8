using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// Issue 11, finding 5 (ASVS 5.0 §6): passwords by length and a list of common passwords, no composition rules;
/// sign-in throttled per account and client address with back-off, decided in the database; no lock-out an attacker
/// can cause; the same work for an unknown email as for a known one; emails unique per tenant only.
/// </summary>
public sealed class SignInTests : IClassFixture<OpsWebFactory>
{
    private readonly OpsWebFactory factory;

    public SignInTests(OpsWebFactory factory)
    {
        this.factory = factory;
        // A back-off of minutes, so no attempt of these tests slips through however slowly the machine runs them.
        factory.Settings["OpsCopilot:Sessions:BackoffBaseSeconds"] = "300";
        factory.TestServices = services =>
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AppUser>, CountingHasher>());
    }

    [Theory]
    [InlineData("Password123")] // the example: 11 characters
    [InlineData("password1234")] // common, with digits after
    [InlineData("Password1234!")]
    [InlineData("!!qwertyuiop2024")]
    [InlineData("monkeymonkeymonkey")]
    [InlineData("dragon-dragon-1")]
    public async Task Short_or_common_passwords_are_refused_when_an_admin_adds_a_user(string password)
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var scope = factory.RuntimeScope(tenant.Id);
        var users = scope.ServiceProvider.GetRequiredService<TenantUsers>();

        var refused = await Should.ThrowAsync<OpsException>(() =>
            users.AddAsync($"new-{Guid.NewGuid():N}@example.test", password, AppRole.Dispatcher, null, admin.Id, CancellationToken.None));
        refused.Field.ShouldBe("password");
    }

    [Theory]
    [InlineData("lange genug ohne ziffern")] // no digit, no capital: no composition rules
    [InlineData("Wiener Schnitzel am Montag")]
    [InlineData("zwölf zeichen")]
    public async Task Long_uncommon_passwords_need_no_digits_capitals_or_symbols(string password)
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var scope = factory.RuntimeScope(tenant.Id);
        var email = $"new-{Guid.NewGuid():N}@example.test";
        await scope.ServiceProvider.GetRequiredService<TenantUsers>().AddAsync(email, password, AppRole.Dispatcher, null, admin.Id, CancellationToken.None);

        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failed_attempts_back_off_per_account_and_address_but_the_owner_elsewhere_still_signs_in()
    {
        var (_, user, password) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var attacker = "203.0.113.7";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) answers.Add((await LoginFromAsync(attacker, user.Email!, "wrong-password-" + i)).Status);

        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        var throttled = await LoginFromAsync(attacker, user.Email!, password);
        throttled.Status.ShouldBe(HttpStatusCode.TooManyRequests, throttled.Body);
        int.Parse(throttled.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        // No lock-out: the account's owner, from their own address, signs in at once.
        (await LoginFromAsync("198.51.100.23", user.Email!, password)).Json();
    }

    [Fact]
    public async Task A_hundred_parallel_guesses_get_exactly_the_allowance_checked()
    {
        var (_, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var before = CountingHasher.Verifications;

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => LoginFromAsync("203.0.113.99", user.Email!, "guess-" + i)));

        var statuses = string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key}×{g.Count()} ({g.First().Body})"));
        answers.Count(a => a.Status == HttpStatusCode.Unauthorized).ShouldBe(5, statuses);
        answers.Count(a => a.Status == HttpStatusCode.TooManyRequests).ShouldBe(95, statuses);
        (CountingHasher.Verifications - before).ShouldBe(5);
    }

    [Fact]
    public async Task An_unknown_email_costs_exactly_one_hash_verification_like_a_known_one()
    {
        var (_, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);

        var known = await CountVerificationsAsync(() => LoginFromAsync("192.0.2.10", user.Email!, "not-the-password"));
        var unknown = await CountVerificationsAsync(() => LoginFromAsync("192.0.2.11", $"nobody-{Guid.NewGuid():N}@example.test", "not-the-password"));

        known.ShouldBe(1);
        unknown.ShouldBe(1);
    }

    [Fact]
    public async Task Adding_a_user_whose_email_exists_in_another_tenant_reveals_nothing_and_both_accounts_work()
    {
        var (_, theirs, theirPassword) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var (mine, myAdmin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        const string myPassword = "ein ganz anderes Kennwort";

        await using (var scope = factory.RuntimeScope(mine.Id))
        {
            var users = scope.ServiceProvider.GetRequiredService<TenantUsers>();
            var added = await users.AddAsync(theirs.Email!, myPassword, AppRole.Dispatcher, null, myAdmin.Id, CancellationToken.None);
            added.Email.ShouldBe(theirs.Email);
            var listed = await scope.ServiceProvider.GetRequiredService<TenantUserQueries>().PageAsync(null, 1, Paging.MaxPageSize, CancellationToken.None);
            listed.Items.Select(u => u.Email).ShouldBe(new[] { myAdmin.Email!, theirs.Email! }.Order(StringComparer.Ordinal));
        }

        var theirLogin = (await LoginFromAsync("192.0.2.20", theirs.Email!, theirPassword)).Json();
        var myLogin = (await LoginFromAsync("192.0.2.21", theirs.Email!, myPassword)).Json();
        theirLogin.GetProperty("tenant_id").GetInt32().ShouldBe(theirs.TenantId);
        myLogin.GetProperty("tenant_id").GetInt32().ShouldBe(mine.Id);
    }

    private static async Task<int> CountVerificationsAsync(Func<Task<LoginAnswer>> login)
    {
        var before = CountingHasher.Verifications;
        var answer = await login();
        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.Body);
        return CountingHasher.Verifications - before;
    }

    /// <summary>POST /api/v1/auth/login from a client address (as Kestrel or a trusted proxy would report it).</summary>
    private async Task<LoginAnswer> LoginFromAsync(string address, string email, string password)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { email, password });
        var context = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            http.Request.Protocol = "HTTP/1.1";
            http.Request.Scheme = "http";
            http.Request.Host = new HostString("localhost");
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = "/api/v1/auth/login";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
            http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new LoginAnswer((HttpStatusCode)context.Response.StatusCode, text,
            context.Response.Headers.TryGetValue("Retry-After", out var retry) ? retry.ToString() : null);
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private sealed record LoginAnswer(HttpStatusCode Status, string Body, string? RetryAfter)
    {
        public JsonElement Json()
        {
            Status.ShouldBe(HttpStatusCode.OK, Body);
            return JsonDocument.Parse(Body).RootElement.Clone();
        }
    }

    /// <summary>Identity's hasher, counting verifications (the work a sign-in does, whatever the clock says).</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private static int verifications;
        private readonly PasswordHasher<AppUser> inner = new();

        public static int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

