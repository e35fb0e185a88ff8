using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>An asynchronous gateway: every reply is also a durable outbox row, so a gateway outage loses nothing.</summary>
public sealed class RepliesViaOutboxTests : IClassFixture<OpsWebFactory>
{
    private readonly OpsWebFactory factory;

    public RepliesViaOutboxTests(OpsWebFactory factory)
    {
        // Before the first request builds this class's host.
        factory.Settings["OpsCopilot:Webhook:RepliesViaOutbox"] = "true";
        this.factory = factory;
    }

    [Fact]
    public async Task A_paired_dispatchers_reply_is_queued_as_a_text_notification()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var number = "43699" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

        (await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>()))["reply"]!.GetValue<string>().ShouldBe("Paired successfully!");
        (await SendAsync(number, "LKW W-1234 hat Bremsenproblem"))["reply"]!.GetValue<string>().ShouldStartWith("Create ticket:");

        var queued = await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.notifications WHERE tenant_id = $1 AND recipient_phone = $2 AND kind = 'TEXT' AND body = $3",
            tenant.Id, number, DraftTexts.TicketDraftReply("Bremsenproblem LKW W-1234", "W-1234"));
        queued.ShouldBe(1L);
    }

    private async Task<JsonNode> SendAsync(string from, string body)
    {
        var json = new JsonObject { ["from"] = "whatsapp:" + from, ["body"] = body, ["message_id"] = "wamid." + Guid.NewGuid().ToString("N") }.ToJsonString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops/whatsapp/ingest") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Clawdbot-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Clawdbot-Signature", WebhookSigner.SignClawdbot(OpsWebFactory.WebhookSecret, timestamp, Encoding.UTF8.GetBytes(json)));
        return await (await factory.CreateClient().SendAsync(request)).ShouldSucceedAsync();
    }
}
