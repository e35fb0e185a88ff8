using System.Diagnostics;
using System.Text;
using System.Text.Json;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// The pilot runbook's §3.3 (docs/runbooks.md) "Ingest Idempotency Proof", verbatim: the BODY, the openssl signature, the curl headers
/// and the psql checks. Its own database, because the runbook's ids are fixed.
/// </summary>
public sealed class RunbookIdempotencyProofTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private const string Body = """{"from":"whatsapp:436641234567","body":"Duplicate test","message_id":"msg_dedup_001"}""";

    [Fact]
    public async Task Same_request_twice_is_processed_then_duplicate_with_one_MESSAGE_IN_and_one_dedup_row()
    {
        // In a fresh database the runbook's sender is unknown; pair it so MESSAGE_IN is written for it.
        var paired = await Phones.PairAsync(factory, "436641234567");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // SIG=$(echo -n "${TIMESTAMP}|${BODY}" | openssl dgst -sha256 -hmac "$CLAWDBOT_WEBHOOK_SECRET" | cut -d' ' -f2)
        var signature = await RunbookShellAsync(
            """echo -n "${TIMESTAMP}|${BODY}" | openssl dgst -sha256 -hmac "$CLAWDBOT_WEBHOOK_SECRET" | cut -d' ' -f2""",
            ("TIMESTAMP", timestamp), ("BODY", Body), ("CLAWDBOT_WEBHOOK_SECRET", OpsWebFactory.WebhookSecret));
        signature.ShouldBe(WebhookSigner.SignClawdbot(OpsWebFactory.WebhookSecret, long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture),
            Encoding.UTF8.GetBytes(Body)));

        var client = factory.CreateClient();
        var first = await CurlAsync(client, signature, timestamp);
        first.Text("status").ShouldBe("processed");
        first.Text("thread_id").ShouldNotBeNullOrEmpty();
        first.Text("reply").ShouldBe(ConversationReplies.Help);

        var duplicate = await CurlAsync(client, signature, timestamp);
        duplicate.Text("status").ShouldBe("duplicate");
        duplicate.Text("thread_id").ShouldBe(first.Text("thread_id"));
        duplicate.Text("reply").ShouldBe(first.Text("reply"));

        (await factory.Database.ScalarAsync<long>("""
            SELECT COUNT(*) FROM ops.events
            WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = 'msg_dedup_001';
            """)).ShouldBe(1L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM (SELECT * FROM ops.ingest_dedup WHERE idempotency_key = 'test-dedup-001') rows;"))
            .ShouldBe(1L);
        (await factory.Database.ScalarAsync<Guid>("SELECT thread_id FROM ops.ingest_dedup WHERE idempotency_key = 'test-dedup-001'"))
            .ShouldBe(Guid.Parse(first.Text("thread_id")!));
        (await factory.Database.ScalarAsync<int>("SELECT tenant_id FROM ops.ingest_dedup WHERE idempotency_key = 'test-dedup-001'"))
            .ShouldBe(paired.TenantId);
        (await factory.Database.ScalarAsync<string>("SELECT message_id FROM ops.ingest_dedup WHERE idempotency_key = 'test-dedup-001'"))
            .ShouldBe("msg_dedup_001");
    }

    private static async Task<JsonElement> CurlAsync(HttpClient client, string signature, string timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops/whatsapp/ingest")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Clawdbot-Signature", signature);
        request.Headers.Add("X-Clawdbot-Timestamp", timestamp);
        request.Headers.Add("X-Request-Id", "test-dedup-001");
        return await Gateway.SendAsync(client, request);
    }

    private static async Task<string> RunbookShellAsync(string command, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        shell.ExitCode.ShouldBe(0, await shell.StandardError.ReadToEndAsync());
        return output.Trim();
    }
}
