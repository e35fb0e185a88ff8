using System.Globalization;
using System.Net;
using System.Text;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// The gateway's delivery receipts are refused like the ingest webhook's messages (problem+json with the same error
/// codes), and only a database that is down — not a permanent failure — asks the gateway to retry.
/// </summary>
public sealed class DeliveryStatusWebhookTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    public const string StatusPath = "/api/v1/ops/whatsapp/status";

    [Theory]
    [InlineData("unsigned", 401, "invalid_signature", null)]
    [InlineData("wrong_secret", 401, "invalid_signature", null)]
    [InlineData("stale", 401, "stale_timestamp", null)]
    [InlineData("not_json", 400, "invalid_payload", "body")]
    [InlineData("unknown_status", 400, "invalid_payload", "status")]
    [InlineData("no_message_id", 400, "invalid_payload", "message_id")]
    [InlineData("too_large", 413, "payload_too_large", null)]
    public async Task Refusals_are_problems_with_the_ingest_webhooks_error_codes(string kind, int status, string error, string? field)
    {
        var body = kind switch
        {
            "not_json" => "delivered, honestly",
            "unknown_status" => """{"message_id":"gw-1","status":"lost"}""",
            "no_message_id" => """{"status":"read"}""",
            "too_large" => $$"""{"message_id":"gw-1","status":"failed","error":"{{new string('x', 70 * 1024)}}"}""",
            _ => """{"message_id":"gw-1","status":"read"}""",
        };
        using var request = kind switch
        {
            "unsigned" => Unsigned(body),
            "wrong_secret" => Signed(body, secret: "not-the-secret"),
            "stale" => Signed(body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()),
            _ => Signed(body),
        };

        var problem = await (await factory.CreateClient().SendAsync(request)).ShouldBeProblemAsync(status);

        problem["error"]!.GetValue<string>().ShouldBe(error);
        if (field is not null) problem["field"]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task A_permanent_database_error_is_a_500_without_retry_after_not_a_503()
    {
        var tenant = await Outbox.OutboxData.TenantAsync(factory.Database);
        var providerId = "gw-" + Guid.NewGuid().ToString("N");
        var row = await Outbox.OutboxData.TextRowAsync(factory.Database, tenant, Phones.Next(), "Hallo");
        await factory.Database.ExecuteAsync("UPDATE ops.notifications SET status = 'sent', provider_message_id = $2 WHERE id = $1", row, providerId);
        var client = factory.CreateClient();
        (await client.SendAsync(Signed($$"""{"message_id":"{{providerId}}","status":"delivered"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A privilege the runtime role lost stays lost on every retry: "permission denied", not "try again".
        await factory.Database.ExecuteAsync("REVOKE EXECUTE ON FUNCTION ops.apply_delivery_status(text, text, text) FROM ops_app");
        try
        {
            using var response = await client.SendAsync(Signed($$"""{"message_id":"{{providerId}}","status":"read"}"""));
            var problem = await response.ShouldBeProblemAsync(500);
            problem["error"]!.GetValue<string>().ShouldBe("processing_failed");
            response.Headers.RetryAfter.ShouldBeNull();
        }
        finally
        {
            await factory.Database.ExecuteAsync("GRANT EXECUTE ON FUNCTION ops.apply_delivery_status(text, text, text) TO ops_app");
        }
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", row)).ShouldBe("delivered");
    }

    public static HttpRequestMessage Signed(string body, string secret = OpsWebFactory.WebhookSecret, long? timestamp = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = Unsigned(body);
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static HttpRequestMessage Unsigned(string body) =>
        new(HttpMethod.Post, StatusPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
