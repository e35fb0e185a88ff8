using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>Another host instance on the same database: what must happen once is decided by PostgreSQL, not memory.</summary>
public sealed class SecondHost(OpsWebFactory first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", first.Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", first.Database.OwnerConnectionString);
        builder.UseSetting("OpsCopilot:Webhook:Secret", OpsWebFactory.WebhookSecret);
        foreach (var (key, value) in first.Settings) builder.UseSetting(key, value);
    }

    /// <summary>Signs in on this instance (the cookie would work on either: the key ring is shared).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await client.PostAsync("/api/v1/auth/login", ApiJson.Body(new { email, password }))).EnsureSuccessStatusCode();
        return client;
    }
}
