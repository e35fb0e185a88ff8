using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Outbox;

/// <summary>
/// A message wakes the outbox worker only when its transaction queued something to send: otherwise every webhook
/// delivery would cost the worker a claim query that finds nothing.
/// </summary>
public sealed class OutboxNudgeTests
{
    [Fact]
    public async Task Only_a_message_whose_transaction_queued_a_notification_wakes_the_outbox_worker()
    {
        // Polling every ten minutes (the longest allowed): within this test only a nudge makes the worker look again.
        await using var host = await OutboxWebHost.CreateAsync(settings => settings["OpsCopilot:Outbox:PollInterval"] = "00:10:00");
        var phone = await Phones.PairAsync(host.Factory);
        await OutboxData.TemplateAsync(host.Db, phone.TenantId);
        var driver = await OutboxData.DriverAsync(host.Db, phone.TenantId, OutboxData.Phone(), DateTimeOffset.UtcNow);
        await host.Db.ExecuteAsync("INSERT INTO ops.broadcast_subscriptions (tenant_id, driver_id, is_subscribed) VALUES ($1, $2, true)", phone.TenantId, driver);
        var beforeStart = await OutboxData.TextRowAsync(host.Db, phone.TenantId, OutboxData.Phone(), "queued before the host started");
        host.Start();
        // The worker's first round takes what was waiting; from then on it waits for a nudge.
        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, beforeStart) != "queued", what: "the worker's first round");
        var waiting = await OutboxData.TextRowAsync(host.Db, phone.TenantId, OutboxData.Phone(), "queued behind the worker's back");
        var client = host.Factory.CreateClient();

        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "Guten Morgen")))).Text("status").ShouldBe("processed");
        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "Schichterinnerung an Max Mustermann für morgen 06:00"))))
            .Text("reply").ShouldStartWith("Send template shift_reminder");
        // A nudge has the worker claim within milliseconds; neither message queued anything, so neither may nudge.
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await OutboxData.StatusAsync(host.Db, waiting)).ShouldBe("queued");

        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "CONFIRM")))).Text("reply")
            .ShouldBe("Template shift_reminder queued for 1 driver");
        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, waiting) != "queued", what: "the confirm's nudge");
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "kind = 'TEMPLATE' AND status <> 'queued'") == 1,
            what: "the broadcast the confirm queued");
    }
}
