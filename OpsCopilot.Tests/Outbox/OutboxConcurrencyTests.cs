using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Notifications.Senders;

namespace OpsCopilot.Tests.Outbox;

/// <summary>Several host instances on one database, and a worker that dies mid-send.</summary>
public sealed class OutboxConcurrencyTests
{
    [Fact]
    public async Task Two_worker_hosts_deliver_1000_notifications_with_no_duplicate_and_none_lost()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var gateway = await FakeHttpServer.StartAsync();
        var tenantA = await OutboxData.TenantAsync(db);
        var tenantB = await OutboxData.TenantAsync(db);
        var settings = OutboxSettings.Gateway(gateway);
        settings["OpsCopilot:Outbox:BatchSize"] = "25";
        settings["OpsCopilot:Outbox:PollInterval"] = "00:00:00.020";

        await using (var first = await WorkerHost.StartAsync(db, settings))
        await using (var second = await WorkerHost.StartAsync(db, settings))
        {
            // Both instances are polling before the rows exist, so both compete for them.
            await OutboxData.BulkTextAsync(db, tenantA, 600);
            await OutboxData.BulkTextAsync(db, tenantB, 400);
            await Eventually.TrueAsync(async () => await OutboxData.CountAsync(db, "status = 'sent'") == 1000,
                TimeSpan.FromMinutes(3), "1,000 rows sent");
            first.Logs.Named("NOTIFY_SEND_OK").Count.ShouldBeGreaterThan(0);
            second.Logs.Named("NOTIFY_SEND_OK").Count.ShouldBeGreaterThan(0);
            (first.Logs.Named("NOTIFY_SEND_OK").Count + second.Logs.Named("NOTIFY_SEND_OK").Count).ShouldBe(1000);
        }

        var byKey = gateway.RequestsTo("/send").GroupBy(r => r.Header("Idempotency-Key")).ToList();
        byKey.Count.ShouldBe(1000);
        byKey.ShouldAllBe(g => g.Count() == 1);
        var ids = (await OutboxDeliveryTests.QueryAsync(db, "SELECT id FROM ops.notifications", r => r.GetGuid(0).ToString())).ToHashSet();
        byKey.Select(g => g.Key).ToHashSet().SetEquals(ids).ShouldBeTrue();
        (await db.ScalarAsync<long>("SELECT count(DISTINCT payload->>'notification_id') FROM ops.events WHERE event_type = 'NOTIFY_SEND_OK'")).ShouldBe(1000L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'NOTIFY_SEND_OK'")).ShouldBe(1000L);
    }

    [Fact]
    public async Task A_worker_killed_between_send_and_mark_is_taken_over_and_the_message_resent_with_the_same_key()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var gateway = await FakeHttpServer.StartAsync();
        var tenant = await OutboxData.TenantAsync(db);
        await OutboxData.TemplateAsync(db, tenant);
        var id = await OutboxData.TemplateRowAsync(db, tenant, OutboxData.Phone(), paramsJson: OutboxData.ShiftParams("Anna"));
        var settings = OutboxSettings.Gateway(gateway);

        // The doomed worker: claims with a short lease and sends, then "dies" before marking the row sent.
        Notification claimed;
        await using (var runtime = new RuntimeScopes(db))
        {
            await using var context = runtime.Worker();
            claimed = (await OutboxStore.ClaimAsync(context, 10, TimeSpan.FromSeconds(1), CancellationToken.None)).ShouldHaveSingleItem();
        }
        claimed.Id.ShouldBe(id);
        claimed.Status.ShouldBe("sending");
        var message = new OutboundMessage(claimed.Id, tenant, claimed.RecipientPhone, claimed.Kind, "Hallo Anna",
            new OutboundTemplate("shift_reminder_v1", "de", [new("driver_name", "Anna"), new("date", "24.12."), new("time", "06:00")]), null, 1);
        using (var services = new ServiceCollection().AddHttpClient().BuildServiceProvider())
        {
            var doomed = new GatewayNotificationSender(services.GetRequiredService<IHttpClientFactory>(),
                Options.Create(new GatewayOptions { SendUrl = settings["OpsCopilot:Gateway:SendUrl"], Secret = OutboxSettings.GatewaySecret }), TimeProvider.System);
            (await doomed.SendAsync(message, CancellationToken.None)).Outcome.ShouldBe(SendOutcome.Sent);
        }

        // A healthy instance takes the row over once the lease has run out.
        await using (await WorkerHost.StartAsync(db, settings))
            await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(db, id) == "sent", what: "re-sent and marked");

        var sends = gateway.RequestsTo("/send").ForKey(id);
        sends.Count.ShouldBe(2);
        sends[1].Json().GetProperty("template").GetProperty("params").GetProperty("driver_name").GetString().ShouldBe("Anna");
        var providerId = await db.ScalarAsync<string>("SELECT provider_message_id FROM ops.notifications WHERE id = $1", id);
        providerId.ShouldBe("gw-2");

        // The dead worker waking up late cannot overwrite the outcome.
        await using (var runtime = new RuntimeScopes(db))
        {
            var (scope, context) = runtime.For(tenant);
            await using (scope)
            {
                (await OutboxStore.CompleteAsync(context, id, claimed.LockedUntil!.Value, "gw-1", CancellationToken.None)).ShouldBeFalse();
                (await OutboxStore.FailAsync(context, id, claimed.LockedUntil!.Value, "dead", "late", TimeSpan.Zero, true, CancellationToken.None)).ShouldBeFalse();
            }
        }
        (await db.ScalarAsync<string>("SELECT provider_message_id FROM ops.notifications WHERE id = $1", id)).ShouldBe("gw-2");
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'NOTIFY_SEND_OK'")).ShouldBe(1L);
    }
}
