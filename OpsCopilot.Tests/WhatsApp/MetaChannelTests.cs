using System.Net;
using System.Text;
using System.Text.Json;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>The WhatsApp Cloud API channel: handshake, X-Hub-Signature-256, messages through the same pipeline, receipts.</summary>
public sealed class MetaChannelTests : IClassFixture<OpsWebFactory>
{
    private const string Path = "/api/v1/ops/whatsapp/meta";
    private const string AppSecret = "meta-app-secret-for-tests";
    private const string VerifyToken = "meta-verify-token";
    private readonly OpsWebFactory factory;

    public MetaChannelTests(OpsWebFactory factory)
    {
        this.factory = factory;
        // Read when the host first starts; every test of this class sets the same values.
        factory.Settings["OpsCopilot:Meta:AppSecret"] = AppSecret;
        factory.Settings["OpsCopilot:Meta:VerifyToken"] = VerifyToken;
    }

    [Fact]
    public async Task The_subscription_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        var client = factory.CreateClient();

        using var ok = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await ok.Content.ReadAsStringAsync()).ShouldBe("1158201444");

        foreach (var query in new[]
                 {
                     "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
                     $"hub.mode=unsubscribe&hub.verify_token={VerifyToken}&hub.challenge=1",
                     $"hub.mode=subscribe&hub.challenge=1",
                     $"hub.mode=subscribe&hub.verify_token={VerifyToken}",
                 })
        {
            using var refused = await client.GetAsync($"{Path}?{query}");
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, query);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task Unsigned_or_wrongly_signed_deliveries_are_401_and_write_nothing()
    {
        var paired = await Phones.PairAsync(factory);
        var wamid = Gateway.NewMessageId();
        var body = Encoding.UTF8.GetBytes(MessageDelivery(paired.Phone, wamid, "hilfe"));
        var client = factory.CreateClient();

        foreach (var signature in new string?[] { null, WebhookSigner.SignMeta("other-secret", body), "sha256=zz", "md5=abc" })
        {
            using var response = await client.SendAsync(Post(body, signature));
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Text("error").ShouldBe("invalid_signature");
        }

        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", wamid)).ShouldBe(0L);
    }

    [Fact]
    public async Task Messages_take_the_exactly_once_pipeline_keyed_on_the_wamid_and_the_reply_is_queued()
    {
        var paired = await Phones.PairAsync(factory);
        var wamid = "wamid.HBgLNDM2NjQxMjM0NTY3FQIAEhgg" + Guid.NewGuid().ToString("N");
        var body = Encoding.UTF8.GetBytes(MessageDelivery(paired.Phone, wamid, "LKW W-1234 hat Bremsenproblem"));
        var client = factory.CreateClient();

        var first = await SendAsync(client, body);
        var redelivery = await SendAsync(client, body);

        first.GetProperty("processed").GetInt32().ShouldBe(1);
        redelivery.GetProperty("duplicates").GetInt32().ShouldBe(1);
        redelivery.GetProperty("processed").GetInt32().ShouldBe(0);
        var db = factory.Database;
        (await db.ScalarAsync<string>("SELECT idempotency_key FROM ops.ingest_dedup WHERE message_id = $1", wamid)).ShouldBe(wamid);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1 AND payload->>'channel' = 'meta'", wamid))
            .ShouldBe(1L);
        (await db.ScalarAsync<long>("""
            SELECT count(*) FROM ops.notifications
            WHERE tenant_id = $1 AND recipient_phone = $2 AND kind = 'TEXT' AND status = 'queued' AND body = $3
            """, paired.TenantId, paired.Phone, DraftTexts.TicketDraftReply("Bremsenproblem LKW W-1234", "W-1234"))).ShouldBe(1L);
    }

    [Fact]
    public async Task Several_messages_in_one_delivery_are_handled_one_by_one_and_unreadable_ones_are_ignored()
    {
        var a = await Phones.PairAsync(factory);
        var b = await Phones.PairAsync(factory);
        var (wamidA, wamidB, sticker) = (Gateway.NewMessageId(), Gateway.NewMessageId(), Gateway.NewMessageId());
        var delivery = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"4312345","phone_number_id":"PNID"},
              "contacts":[{"profile":{"name":"Anna"},"wa_id":"{{{a.Phone}}}"},{"profile":{"name":"Bernd"},"wa_id":"{{{b.Phone}}}"}],
              "messages":[
                {"from":"{{{a.Phone}}}","id":"{{{wamidA}}}","timestamp":"{{{Now(0)}}}","type":"text","text":{"body":"hilfe"}},
                {"from":"{{{b.Phone}}}","id":"{{{wamidB}}}","timestamp":"{{{Now(1)}}}","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"c","title":"CONFIRM"} } },
                {"from":"{{{b.Phone}}}","id":"{{{sticker}}}","timestamp":"{{{Now(2)}}}","type":"sticker","sticker":{"id":"s"}},
                {"from":"not-a-number","id":"wamid.bad","timestamp":"{{{Now(3)}}}","type":"text","text":{"body":"spam"}}
              ]}}]}]}
            """;

        var receipt = await SendAsync(factory.CreateClient(), Encoding.UTF8.GetBytes(delivery));

        receipt.GetProperty("processed").GetInt32().ShouldBe(2);
        receipt.GetProperty("ignored").GetInt32().ShouldBe(2);
        (await factory.Database.ScalarAsync<int>("SELECT tenant_id FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", wamidB))
            .ShouldBe(b.TenantId);
        (await factory.Database.ScalarAsync<string>("SELECT payload->>'body' FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", wamidB))
            .ShouldBe("CONFIRM");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", sticker)).ShouldBe(0L);
    }

    [Fact]
    public async Task Delivery_receipts_only_ever_move_a_notification_forward()
    {
        var paired = await Phones.PairAsync(factory);
        var wamid = "wamid.out-" + Guid.NewGuid().ToString("N");
        var failedWamid = "wamid.out-" + Guid.NewGuid().ToString("N");
        var db = factory.Database;
        await db.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status, provider_message_id)
            VALUES ($1, $2, 'TEXT', 'x', 'sent', $3), ($1, $2, 'TEXT', 'y', 'sent', $4)
            """, paired.TenantId, paired.Phone, wamid, failedWamid);
        var client = factory.CreateClient();

        async Task<string?> ReceiptAsync(string id, string status, string errors = "")
        {
            await SendAsync(client, Encoding.UTF8.GetBytes(StatusDelivery(id, status, errors)));
            return await db.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE provider_message_id = $1", id);
        }

        (await ReceiptAsync(wamid, "delivered")).ShouldBe("delivered");
        (await ReceiptAsync(wamid, "sent")).ShouldBe("delivered");
        (await ReceiptAsync(wamid, "failed", ""","errors":[{"code":131047,"title":"Re-engagement message"}]""")).ShouldBe("delivered");
        (await ReceiptAsync(wamid, "read")).ShouldBe("read");
        (await ReceiptAsync(wamid, "delivered")).ShouldBe("read");

        (await ReceiptAsync(failedWamid, "failed", ""","errors":[{"code":131026,"title":"Message undeliverable"}]""")).ShouldBe("failed");
        (await db.ScalarAsync<string>("SELECT last_error FROM ops.notifications WHERE provider_message_id = $1", failedWamid))
            .ShouldBe("131026: Message undeliverable");
        (await ReceiptAsync(failedWamid, "sent")).ShouldBe("failed");

        var unknown = await SendAsync(client, Encoding.UTF8.GetBytes(StatusDelivery("wamid.unknown", "read", "")));
        unknown.GetProperty("statuses_applied").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_delivery_that_is_not_a_cloud_api_payload_is_a_400()
    {
        foreach (var payload in new[] { "not json", "[]", """{"object":"whatsapp_business_account"}""", """{"entry":{}}""" })
        {
            var body = Encoding.UTF8.GetBytes(payload);
            using var response = await factory.CreateClient().SendAsync(Post(body, WebhookSigner.SignMeta(AppSecret, body)));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, payload);
        }
    }

    private static HttpRequestMessage Post(byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null) request.Headers.TryAddWithoutValidation(WebhookHeaders.MetaSignature, signature);
        return request;
    }

    private static Task<JsonElement> SendAsync(HttpClient client, byte[] body) =>
        Gateway.SendAsync(client, Post(body, WebhookSigner.SignMeta(AppSecret, body)));

    [Fact]
    public async Task A_captured_delivery_older_than_the_dedup_retention_is_refused_even_once_its_key_is_purged()
    {
        var paired = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        var fresh = Gateway.NewMessageId();
        var stale = Gateway.NewMessageId();
        // Seven days is the default retention of the dedup keys; an hour of margin for clock skew.
        var eightDaysAgo = DateTimeOffset.UtcNow.AddDays(-8).ToUnixTimeSeconds();
        var almostSevenDaysAgo = DateTimeOffset.UtcNow.AddDays(-7).AddHours(2).ToUnixTimeSeconds();

        var refused = await SendAsync(client, Encoding.UTF8.GetBytes(MessageDelivery(paired.Phone, stale, "LKW W-4711 hat Bremsenproblem", eightDaysAgo)));
        var accepted = await SendAsync(client, Encoding.UTF8.GetBytes(MessageDelivery(paired.Phone, fresh, "hilfe", almostSevenDaysAgo)));

        refused.GetProperty("processed").GetInt32().ShouldBe(0);
        refused.GetProperty("ignored").GetInt32().ShouldBe(1);
        accepted.GetProperty("processed").GetInt32().ShouldBe(1);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", stale)).ShouldBe(0L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1", paired.TenantId)).ShouldBe(0L);

        // The accepted one, replayed after retention purged its key (as the purge would after seven days): still new
        // to the ledger, but no longer fresh enough to be believed.
        await factory.Database.ExecuteAsync("DELETE FROM ops.ingest_dedup WHERE message_id = $1", fresh);
        var replay = await SendAsync(client, Encoding.UTF8.GetBytes(MessageDelivery(paired.Phone, fresh, "hilfe", eightDaysAgo)));
        replay.GetProperty("processed").GetInt32().ShouldBe(0);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", fresh)).ShouldBe(1L);
    }

    private static string MessageDelivery(string from, string wamid, string text, long? timestamp = null) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"4312345","phone_number_id":"PNID"},
          "contacts":[{"profile":{"name":"Max"},"wa_id":"{{{from}}}"}],
          "messages":[{"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"{{{timestamp?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Now(0)}}}","type":"text","text":{"body":{{{JsonSerializer.Serialize(text)}}}}}]}}]}]}
        """;

    private static string StatusDelivery(string wamid, string status, string errors) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"4312345","phone_number_id":"PNID"},
          "statuses":[{"id":"{{{wamid}}}","status":"{{{status}}}","timestamp":"1767600000","recipient_id":"436641234567"{{{errors}}}}]}}]}]}
        """;

    /// <summary>A Cloud API message timestamp of now (plus a few seconds): older ones are refused as possible replays.</summary>
    private static string Now(int plusSeconds) =>
        (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + plusSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
