using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>With the database unreachable the webhook answers 503 + Retry-After, so the gateway retries later.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task A_signed_message_while_the_database_is_down_is_a_503_with_retry_after()
    {
        await using var host = new UnreachableDatabaseHost();
        var client = host.CreateClient();

        using var response = await client.SendAsync(Gateway.Signed(Gateway.Body(Phones.Next(), "LKW W-1234 hat Bremsenproblem", Gateway.NewMessageId()), "req-outage"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(text).RootElement.Text("error").ShouldBe("database_unavailable");

        // Refusals that need no database still answer as usual.
        using var unsigned = await client.SendAsync(Gateway.Unsigned("{}"u8.ToArray()));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var ignored = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("not-a-number", "x")));
        ignored.Text("status").ShouldBe("ignored");
    }

    [Fact]
    public async Task A_signed_delivery_receipt_while_the_database_is_down_is_a_503_with_retry_after()
    {
        await using var host = new UnreachableDatabaseHost();

        using var response = await host.CreateClient().SendAsync(DeliveryStatusWebhookTests.Signed("""{"message_id":"gw-1","status":"read"}"""));

        var problem = await response.ShouldBeProblemAsync(503);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        problem["error"]!.GetValue<string>().ShouldBe("database_unavailable");
    }

    /// <summary>Port 1 on loopback: nothing listens, so every connection attempt is refused at once.</summary>
    private sealed class UnreachableDatabaseHost : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            const string nowhere = "Host=127.0.0.1;Port=1;Database=ops;Username=ops_app;Password=x;Timeout=3";
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Default", nowhere);
            builder.UseSetting("ConnectionStrings:Migrations", nowhere);
            builder.UseSetting("OpsCopilot:Webhook:Secret", OpsWebFactory.WebhookSecret);
        }
    }
}
