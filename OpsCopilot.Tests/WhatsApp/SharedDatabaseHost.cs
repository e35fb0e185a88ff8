using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>A second, independent host instance on the first one's database: nothing shared but PostgreSQL.</summary>
internal sealed class SharedDatabaseHost(OpsWebFactory first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", first.Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", first.Database.OwnerConnectionString);
        builder.UseSetting("OpsCopilot:Webhook:Secret", OpsWebFactory.WebhookSecret);
    }
}
