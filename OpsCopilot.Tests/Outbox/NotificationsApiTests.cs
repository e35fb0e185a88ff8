using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Outbox;

/// <summary>The operator's outbox API and the gateway's status callback, with the worker off so states stay put.</summary>
public sealed class NotificationsApiTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private TestDatabase Db => factory.Database;

    [Fact]
    public async Task Lists_by_status_with_server_paging_and_counts_every_status_of_the_tenant_only()
    {
        var (tenant, user, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var other = await OutboxData.TenantAsync(Db);
        var phone = OutboxData.Phone();
        for (var i = 0; i < 7; i++) await RowAsync(tenant.Id, "failed", phone);
        await RowAsync(tenant.Id, "sent");
        await RowAsync(other, "failed");
        var client = await factory.SignedInClientAsync(user.Email!, password);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/ops/notifications?status=failed&page=2&page_size=5");
        page.GetProperty("total").GetInt32().ShouldBe(7);
        page.GetProperty("page").GetInt32().ShouldBe(2);
        page.GetProperty("page_size").GetInt32().ShouldBe(5);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        items.ShouldAllBe(i => i.GetProperty("status").GetString() == "failed");
        items[0].GetProperty("recipient").GetString().ShouldBe(PhoneNumbers.Mask(phone));
        page.GetRawText().ShouldNotContain(phone);

        var counts = await client.GetFromJsonAsync<Dictionary<string, int>>("/api/v1/ops/notifications/counts");
        counts!["failed"].ShouldBe(7);
        counts["sent"].ShouldBe(1);
        counts["dead"].ShouldBe(0);
        counts.Keys.ShouldBe(["queued", "sending", "sent", "delivered", "read", "failed", "dead"], ignoreOrder: true);

        var bad = await client.GetAsync("/api/v1/ops/notifications?status=lost");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.GetAsync("/api/v1/ops/notifications?page_size=500")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Retrying_one_row_and_draining_all_failed_rows_requeue_them_and_are_audited()
    {
        var (tenant, user, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var other = await OutboxData.TenantAsync(Db);
        var dead = await RowAsync(tenant.Id, "dead");
        var sent = await RowAsync(tenant.Id, "sent");
        var failed1 = await RowAsync(tenant.Id, "failed");
        var failed2 = await RowAsync(tenant.Id, "failed");
        var foreign = await RowAsync(other, "failed");
        var client = await factory.SignedInClientAsync(user.Email!, password);

        var retried = await client.PostJsonAsync($"/api/v1/ops/notifications/{dead}/retry", new { });
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("queued");
        (await OutboxData.StatusAsync(Db, dead)).ShouldBe("queued");

        var conflict = await client.PostJsonAsync($"/api/v1/ops/notifications/{sent}/retry", new { });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflict.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.PostJsonAsync($"/api/v1/ops/notifications/{foreign}/retry", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/ops/notifications/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var drain = await client.PostJsonAsync("/api/v1/ops/notifications/drain", new { });
        drain.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await drain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("drained").GetInt32().ShouldBe(2);
        (await OutboxData.StatusAsync(Db, failed1)).ShouldBe("queued");
        (await OutboxData.StatusAsync(Db, failed2)).ShouldBe("queued");
        (await OutboxData.StatusAsync(Db, foreign)).ShouldBe("failed");

        var audit = await OutboxDeliveryTests.QueryAsync(Db,
            $"SELECT payload->>'count', payload->>'source', payload->>'user_id' FROM ops.events WHERE tenant_id = {tenant.Id} AND event_type = 'NOTIFICATIONS_DRAINED' ORDER BY id",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)));
        audit.ShouldBe([("1", "retry", user.Id.ToString()), ("2", "api", user.Id.ToString())]);
    }

    [Fact]
    public async Task The_outbox_api_needs_the_notifications_permission()
    {
        var (_, dispatcher, password) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var client = await factory.SignedInClientAsync(dispatcher.Email!, password);
        (await client.GetAsync("/api/v1/ops/notifications")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/v1/ops/notifications/drain", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.CreateClient().GetAsync("/api/v1/ops/notifications/counts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signed_status_callbacks_move_a_notification_forward_only()
    {
        var tenant = await OutboxData.TenantAsync(Db);
        var providerId = "gw-" + Guid.NewGuid().ToString("N");
        var row = await RowAsync(tenant, "sent", providerId: providerId);
        var client = factory.CreateClient();

        (await PostStatusAsync(client, providerId, "delivered")).ShouldBe((HttpStatusCode.OK, "applied"));
        (await OutboxData.StatusAsync(Db, row)).ShouldBe("delivered");
        (await PostStatusAsync(client, providerId, "read")).ShouldBe((HttpStatusCode.OK, "applied"));
        (await PostStatusAsync(client, providerId, "delivered")).ShouldBe((HttpStatusCode.OK, "ignored"));
        (await PostStatusAsync(client, providerId, "failed", "too late")).ShouldBe((HttpStatusCode.OK, "ignored"));
        (await OutboxData.StatusAsync(Db, row)).ShouldBe("read");
        (await PostStatusAsync(client, "gw-unknown", "read")).ShouldBe((HttpStatusCode.OK, "ignored"));

        var failing = "gw-" + Guid.NewGuid().ToString("N");
        var failingRow = await RowAsync(tenant, "sent", providerId: failing);
        (await PostStatusAsync(client, failing, "failed", "131026: receiver incapable")).ShouldBe((HttpStatusCode.OK, "applied"));
        (await OutboxData.StatusAsync(Db, failingRow)).ShouldBe("failed");
        (await Db.ScalarAsync<string>("SELECT last_error FROM ops.notifications WHERE id = $1", failingRow)).ShouldBe("131026: receiver incapable");

        (await PostStatusAsync(client, providerId, "lost")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await PostStatusAsync(client, "", "read")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await PostStatusAsync(client, providerId, "read", secret: "wrong-secret")).ShouldBe((HttpStatusCode.Unauthorized, null));
        var stale = await PostStatusAsync(client, providerId, "read", timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        stale.Status.ShouldBe(HttpStatusCode.Unauthorized);
        stale.Raw.ShouldContain("stale_timestamp");
        var unsigned = await client.PostAsync("/api/v1/ops/whatsapp/status", new StringContent("""{"message_id":"x","status":"read"}""", Encoding.UTF8, "application/json"));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unsigned.Content.ReadAsStringAsync()).ShouldContain("invalid_signature");
    }

    private async Task<Guid> RowAsync(int tenantId, string status, string? phone = null, string? providerId = null)
    {
        var id = await OutboxData.TextRowAsync(Db, tenantId, phone ?? OutboxData.Phone(), "Hallo");
        await Db.ExecuteAsync("UPDATE ops.notifications SET status = $2, provider_message_id = $3 WHERE id = $1", id, status, (object?)providerId ?? DBNull.Value);
        return id;
    }

    private static async Task<(HttpStatusCode Status, string? Outcome, string Raw)> PostStatusAsync(HttpClient client, string messageId, string status,
        string? error = null, string secret = OpsWebFactory.WebhookSecret, long? timestamp = null)
    {
        var body = JsonSerializer.Serialize(new { message_id = messageId, status, error });
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops/whatsapp/status") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, ts, Encoding.UTF8.GetBytes(body)));
        var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        string? outcome = null;
        if (response.StatusCode == HttpStatusCode.OK) outcome = JsonDocument.Parse(raw).RootElement.GetProperty("status").GetString();
        return (response.StatusCode, outcome, raw);
    }
}

internal static class StatusTupleExtensions
{
    public static void ShouldBe(this (HttpStatusCode Status, string? Outcome, string Raw) actual, (HttpStatusCode, string?) expected) =>
        (actual.Status, actual.Outcome).ShouldBe(expected, actual.Raw);
}
