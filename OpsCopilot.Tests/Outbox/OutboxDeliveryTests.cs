using System.Text.Json;
using Npgsql;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Outbox;

/// <summary>The outbox worker in the real host against a real HTTP gateway on 127.0.0.1 and real PostgreSQL.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task A_broadcast_reaches_the_gateway_exactly_once_per_driver_signed_with_template_params_and_idempotency_key()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        var tenantA = await OutboxData.TenantAsync(host.Db);
        var tenantB = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenantA);
        await OutboxData.TemplateAsync(host.Db, tenantB);
        var broadcastA = await OutboxData.BroadcastAsync(host.Db, tenantA, 20);
        var broadcastB = await OutboxData.BroadcastAsync(host.Db, tenantB, 5);
        var all = broadcastA.Concat(broadcastB).ToList();

        host.Start();
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status = 'sent'") == all.Count, what: "all rows sent");

        var requests = host.Gateway.RequestsTo("/send");
        requests.Count.ShouldBe(all.Count);
        foreach (var (id, phone, name) in all)
        {
            var request = requests.ForKey(id).ShouldHaveSingleItem();
            request.VerifySignature(OutboxSettings.GatewaySecret).IsValid.ShouldBeTrue();
            request.Header(WebhookHeaders.ClawdbotTimestamp).ShouldNotBeNullOrEmpty();
            var json = request.Json();
            json.GetProperty("id").GetString().ShouldBe(id.ToString());
            json.GetProperty("to").GetString().ShouldBe("whatsapp:" + phone);
            json.GetProperty("type").GetString().ShouldBe("template");
            json.GetProperty("text").GetString().ShouldBe($"Hallo {name}, Schicht am 24.12. um 06:00.");
            var template = json.GetProperty("template");
            template.GetProperty("name").GetString().ShouldBe("shift_reminder_v1");
            template.GetProperty("language").GetString().ShouldBe("de");
            template.GetProperty("params").GetProperty("driver_name").GetString().ShouldBe(name);
            template.GetProperty("params").GetProperty("time").GetString().ShouldBe("06:00");
            template.GetProperty("positional").EnumerateArray().Select(e => e.GetString()).ShouldBe([name, "24.12.", "06:00"]);
        }

        (await OutboxData.CountAsync(host.Db, "provider_message_id LIKE 'gw-%' AND sent_at IS NOT NULL AND locked_until IS NULL")).ShouldBe(all.Count);
        // Each NOTIFY_SEND_OK event was written under its notification's tenant.
        (await host.Db.ScalarAsync<long>("""
            SELECT count(*) FROM ops.events e JOIN ops.notifications n ON n.id = (e.payload->>'notification_id')::uuid
            WHERE e.event_type = 'NOTIFY_SEND_OK' AND e.tenant_id = n.tenant_id AND e.payload->>'provider_message_id' = n.provider_message_id
            """)).ShouldBe(all.Count);
        await using (var runtime = new RuntimeScopes(host.Db))
        {
            var (scope, db) = runtime.For(tenantB);
            await using (scope)
                db.Events.Count(e => e.EventType == "NOTIFY_SEND_OK").ShouldBe(broadcastB.Count);
        }

        var sendOk = host.Logs.Named("NOTIFY_SEND_OK");
        sendOk.Count.ShouldBe(all.Count);
        sendOk.ShouldContain(l => l.Message.Contains(PhoneNumbers.Mask(all[0].Phone), StringComparison.Ordinal));
        host.Logs.Entries.ShouldAllBe(l => all.All(r => !l.Message.Contains(r.Phone, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Gateway_failures_are_retried_with_growing_delays_then_the_notification_dies_and_an_alert_is_posted()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        host.Gateway.Respond = (_, _) => FakeResponse.Fail(500);
        var tenant = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        var phone = OutboxData.Phone();
        var id = await OutboxData.TemplateRowAsync(host.Db, tenant, phone);

        host.Start();
        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, id) == "dead", what: "dead");

        var attempts = host.Gateway.RequestsTo("/send").ForKey(id);
        attempts.Count.ShouldBe(4);
        (await host.Db.ScalarAsync<int>("SELECT retry_count FROM ops.notifications WHERE id = $1", id)).ShouldBe(4);
        (await host.Db.ScalarAsync<string>("SELECT last_error FROM ops.notifications WHERE id = $1", id))!.ShouldContain("gave up after 4 attempts");

        var failures = await FailureEventsAsync(host.Db, id);
        failures.Select(f => f.Status).ShouldBe(["queued", "queued", "queued", "dead"]);
        var delays = failures.Take(3).Select(f => f.RetryInMs).ToList();
        delays[1].ShouldBeGreaterThanOrEqualTo(delays[0]);
        delays[2].ShouldBeGreaterThanOrEqualTo(delays[1]);
        delays[2].ShouldBeGreaterThan(delays[0]);
        // next_attempt_at was honoured: no retry arrived before its delay had passed.
        for (var i = 0; i < 3; i++)
            (attempts[i + 1].ReceivedAt - attempts[i].ReceivedAt).TotalMilliseconds.ShouldBeGreaterThanOrEqualTo(delays[i] - 5);

        var alert = (await host.Alerts.WaitForAsync(r => r.Count > 0))[0];
        var body = alert.Json();
        body.GetProperty("alert").GetString().ShouldBe("notification_dead");
        body.GetProperty("details").GetProperty("notification_id").GetString().ShouldBe(id.ToString());
        alert.Text.ShouldNotContain(phone);
        alert.Text.ShouldContain(PhoneNumbers.Mask(phone));
    }

    [Fact]
    public async Task Rejected_messages_fail_and_the_runbook_drain_sql_requeues_them_for_delivery()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        host.Gateway.Respond = (_, _) => new FakeResponse(400, """{"error":"unknown recipient 436641234567"}""");
        var tenant = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone()));

        host.Start();
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status = 'failed'") == 3, what: "failed");
        (await host.Db.ScalarAsync<string>("SELECT last_error FROM ops.notifications WHERE id = $1", ids[0]))!.ShouldSatisfyAllConditions(
            e => e.ShouldContain("400"),
            e => e.ShouldNotContain("436641234567"));
        host.Gateway.RequestsTo("/send").Count.ShouldBe(3);

        // docs/runbooks.md, webhook §2: monitor and drain, verbatim but for the schema.
        var monitor = await QueryAsync(host.Db, "select status, count(*) from ops.notifications group by 1;", r => (r.GetString(0), r.GetInt64(1)));
        monitor.ShouldContain(("failed", 3L));
        host.Gateway.Respond = (_, n) => FakeResponse.Ok($$"""{"message_id":"gw-{{n}}"}""");
        (await host.Db.ExecuteAsync("""
            update ops.notifications
            set status = 'queued',
                next_attempt_at = now(),
                retry_count = greatest(retry_count, 0)
            where status = 'failed';
            """)).ShouldBe(3);

        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status = 'sent'") == 3, what: "sent after drain");
        foreach (var id in ids) host.Gateway.RequestsTo("/send").ForKey(id).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_throttled_send_waits_for_retry_after_without_using_up_an_attempt()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        host.Gateway.Script(FakeResponse.TooManyRequests(retryAfterSeconds: 1));
        var tenant = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        var id = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone());

        host.Start();
        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, id) == "sent", what: "sent");

        var attempts = host.Gateway.RequestsTo("/send").ForKey(id);
        attempts.Count.ShouldBe(2);
        (attempts[1].ReceivedAt - attempts[0].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(990));
        (await host.Db.ScalarAsync<int>("SELECT retry_count FROM ops.notifications WHERE id = $1", id)).ShouldBe(0);
        (await FailureEventsAsync(host.Db, id)).ShouldBeEmpty();
        host.Logs.Named("NOTIFY_THROTTLED").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_stalled_gateway_times_out_and_the_message_is_retried_with_the_same_key()
    {
        await using var host = await OutboxWebHost.CreateAsync(s => s["OpsCopilot:Gateway:TimeoutMs"] = "1000");
        host.Gateway.Script(FakeResponse.Stalled(TimeSpan.FromMinutes(5)));
        var tenant = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        var id = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone());

        host.Start();
        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, id) == "sent", what: "sent");

        // Every attempt that timed out was retried with the same key; the first one certainly did. Each timeout is one
        // retry and one failure event. Under load an attempt can time out before it even reaches the gateway, so the
        // gateway may have recorded fewer attempts than the outbox made, never more.
        var attempts = host.Gateway.RequestsTo("/send");
        attempts.Count.ShouldBeGreaterThanOrEqualTo(2);
        attempts.ShouldAllBe(r => r.Header("Idempotency-Key") == id.ToString());
        var failures = await FailureEventsAsync(host.Db, id);
        failures.ShouldNotBeEmpty();
        failures.ShouldAllBe(f => f.Error.Contains("did not answer within 1000 ms"));
        (await host.Db.ScalarAsync<int>("SELECT retry_count FROM ops.notifications WHERE id = $1", id)).ShouldBe(failures.Count);
        attempts.Count.ShouldBeLessThanOrEqualTo(failures.Count + 1);
    }

    [Fact]
    public async Task Free_text_outside_the_24_hour_window_and_invalid_templates_are_refused_before_sending()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        var tenant = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        await OutboxData.TemplateAsync(host.Db, tenant, "depot_closure", approved: false);
        await OutboxData.TemplateAsync(host.Db, tenant, "route_change", active: false);

        var quiet = OutboxData.Phone();
        var quietDriver = await OutboxData.DriverAsync(host.Db, tenant, quiet, DateTimeOffset.UtcNow.AddDays(-2));
        var chatty = OutboxData.Phone();
        var chattyDriver = await OutboxData.DriverAsync(host.Db, tenant, chatty, DateTimeOffset.UtcNow.AddHours(-1));
        var never = OutboxData.Phone();

        var closedWindow = await OutboxData.TextRowAsync(host.Db, tenant, quiet, "Bitte zurückrufen", quietDriver);
        var openWindow = await OutboxData.TextRowAsync(host.Db, tenant, chatty, "Danke!", chattyDriver);
        var noHistory = await OutboxData.TextRowAsync(host.Db, tenant, never, "Hallo?");
        var unapproved = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone(), "depot_closure");
        var inactive = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone(), "route_change");
        var unknown = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone(), "no_such_template");
        var missingParam = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone(), paramsJson: """{"driver_name":"Max","date":"24.12."}""");
        var extraParam = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone(),
            paramsJson: """{"driver_name":"Max","date":"24.12.","time":"06:00","depot":"Wien"}""");
        var brokenValue = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone(), paramsJson: OutboxData.ShiftParams("Max\nMustermann"));

        host.Start();
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status IN ('queued', 'sending')") == 0, what: "all decided");

        (await OutboxData.StatusAsync(host.Db, openWindow)).ShouldBe("sent");
        host.Gateway.RequestsTo("/send").ShouldHaveSingleItem().Header("Idempotency-Key").ShouldBe(openWindow.ToString());

        await ShouldBeRefusedAsync(closedWindow, "24-hour", "last inbound message");
        await ShouldBeRefusedAsync(noHistory, "24-hour", "no inbound message on record");
        await ShouldBeRefusedAsync(unapproved, "not approved");
        await ShouldBeRefusedAsync(inactive, "inactive");
        await ShouldBeRefusedAsync(unknown, "does not exist");
        await ShouldBeRefusedAsync(missingParam, "missing [time]");
        await ShouldBeRefusedAsync(extraParam, "unexpected [depot]");
        await ShouldBeRefusedAsync(brokenValue, "line break");

        async Task ShouldBeRefusedAsync(Guid id, params string[] reasons)
        {
            (await OutboxData.StatusAsync(host.Db, id)).ShouldBe("failed");
            var error = await host.Db.ScalarAsync<string>("SELECT last_error FROM ops.notifications WHERE id = $1", id);
            foreach (var reason in reasons) error!.ShouldContain(reason);
            (await FailureEventsAsync(host.Db, id)).ShouldHaveSingleItem().Refused.ShouldBeTrue();
        }
    }

    internal sealed record FailureEvent(string Status, long RetryInMs, string Error, bool Refused);

    internal static async Task<IReadOnlyList<FailureEvent>> FailureEventsAsync(TestDatabase db, Guid id) =>
        await QueryAsync(db, $"""
            SELECT payload FROM ops.events WHERE event_type = 'NOTIFY_SEND_FAILED' AND payload->>'notification_id' = '{id}' ORDER BY id
            """, r =>
        {
            var json = JsonDocument.Parse(r.GetString(0)).RootElement;
            return new FailureEvent(json.GetProperty("status").GetString()!, json.GetProperty("retry_in_ms").GetInt64(),
                json.GetProperty("error").GetString()!, json.GetProperty("refused_before_sending").GetBoolean());
        });

    internal static async Task<List<T>> QueryAsync<T>(TestDatabase db, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await db.OpenOwnerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
