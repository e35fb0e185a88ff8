using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>The pilot runbook's §3.1 conversation (docs/runbooks.md) and the rest of docs/conversation.md, through the signed webhook.</summary>
public sealed class ConversationFlowTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static int messageCounter;

    private async Task<JsonNode> SendAsync(string from, string body)
    {
        var client = factory.CreateClient();
        var json = new JsonObject { ["from"] = "whatsapp:" + from, ["body"] = body, ["message_id"] = "wamid." + Interlocked.Increment(ref messageCounter) + "." + Guid.NewGuid().ToString("N")[..8] }.ToJsonString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops/whatsapp/ingest") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Clawdbot-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Clawdbot-Signature", WebhookSigner.SignClawdbot(OpsWebFactory.WebhookSecret, timestamp, Encoding.UTF8.GetBytes(json)));
        var response = await client.SendAsync(request);
        return await response.ShouldSucceedAsync();
    }

    private static string Reply(JsonNode response) => response["reply"]!.GetValue<string>();

    private static string NewNumber() => "43676" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

    private async Task<(HttpClient Admin, string Number, int TenantId)> PairedDispatcherAsync()
    {
        var (tenant, admin, client) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await client.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var number = NewNumber();
        Reply(await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>())).ShouldBe("Paired successfully!");
        return (client, number, tenant.Id);
    }

    [Fact]
    public async Task The_runbook_pairing_and_ticket_flow_end_to_end()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var number = NewNumber();

        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        Reply(await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>())).ShouldBe("Paired successfully!");
        var identities = await (await admin.GetAsync("/api/v1/ops/pairing/identities")).ShouldSucceedAsync();
        identities.AsArray().ShouldContain(i => i!["status"]!.GetValue<string>() == "ACTIVE");

        // The runbook's sentence is the first line; below it the plate and title as read.
        Reply(await SendAsync(number, "LKW W-1234 hat Bremsenproblem")).Split('\n').ShouldBe([
            "Create ticket: 'Bremsenproblem LKW W-1234'? Reply CONFIRM or CANCEL",
            "Vehicle: W-1234",
            "Title: Bremsenproblem LKW W-1234",
        ]);
        Reply(await SendAsync(number, "CONFIRM")).ShouldBe("Ticket #1 created");

        var tickets = await (await admin.GetAsync("/api/v1/ops/tickets")).ShouldSucceedAsync();
        tickets["items"]!.AsArray().Single()!["title"]!.GetValue<string>().ShouldContain("Bremsenproblem");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'MESSAGE_OUT'", tenant.Id)).ShouldBeGreaterThanOrEqualTo(3L);
    }

    [Fact]
    public async Task A_broadcast_request_drafts_for_the_named_driver_and_confirm_queues_it()
    {
        var (_, number, tenantId) = await PairedDispatcherAsync();

        // The runbook's sentence is the first line; below it who gets it and what they will read.
        static string Tomorrow() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna")).DateTime).AddDays(1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var before = Tomorrow();
        var lines = Reply(await SendAsync(number, "Schichterinnerung an Max Mustermann für morgen 06:00")).Split('\n');
        var after = Tomorrow(); // a message sent across local midnight may read either day
        lines.Length.ShouldBe(3);
        lines[0].ShouldBe("Send template shift_reminder to 1 driver? Reply CONFIRM or CANCEL");
        lines[1].ShouldBe("To: Max Mustermann");
        lines[2].ShouldBeOneOf($"Text: Hallo Max Mustermann, Schicht am {before} um 06:00.", $"Text: Hallo Max Mustermann, Schicht am {after} um 06:00.");
        Reply(await SendAsync(number, "ja")).ShouldBe("Template shift_reminder queued for 1 driver");

        var body = await factory.Database.ScalarAsync<string>("SELECT body FROM ops.notifications WHERE tenant_id = $1", tenantId);
        body.ShouldNotBeNull();
        body.ShouldStartWith("Hallo Max Mustermann, Schicht am ");
        body.ShouldEndWith(" um 06:00.");
    }

    [Fact]
    public async Task Refusals_unknown_messages_status_and_cancel_get_clear_replies_and_create_nothing()
    {
        var (_, number, tenantId) = await PairedDispatcherAsync();

        Reply(await SendAsync(number, "Depotschließung an alle Fahrer für morgen")).ShouldContain("not approved");
        Reply(await SendAsync(number, "Schichterinnerung an Hans Unbekannt für morgen 06:00")).ShouldContain("Hans Unbekannt");
        Reply(await SendAsync(number, "Guten Morgen!")).ShouldContain("what you can send");
        Reply(await SendAsync(number, "CONFIRM")).ShouldBe("There is no draft waiting for your confirmation.");
        Reply(await SendAsync(number, "Status Ticket #99")).ShouldBe("There is no ticket #99.");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1", tenantId)).ShouldBe(0L);

        Reply(await SendAsync(number, "Motor von L-5567 verliert Öl")).ShouldStartWith("Create ticket:");
        Reply(await SendAsync(number, "abbrechen")).ShouldBe("Draft cancelled.");
        Reply(await SendAsync(number, "Tachograph in W-7788 zeigt Fehler")).ShouldStartWith("Create ticket:");
        Reply(await SendAsync(number, "bestätigen")).ShouldBe("Ticket #1 created");
        Reply(await SendAsync(number, "Was ist mit Ticket 1?")).ShouldStartWith("Ticket #1 '");
    }

    [Fact]
    public async Task An_expired_draft_is_reported_as_expired()
    {
        var (_, number, tenantId) = await PairedDispatcherAsync();
        Reply(await SendAsync(number, "Unfall mit Sprinter W-4411K, niemand verletzt")).ShouldStartWith("Create ticket:");
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET expires_at = now() - interval '1 second' WHERE tenant_id = $1", tenantId);

        Reply(await SendAsync(number, "CONFIRM")).ShouldBe("This draft has expired. Send your request again.");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE tenant_id = $1", tenantId)).ShouldBe(0L);
    }

    [Fact]
    public async Task Unpaired_numbers_can_only_pair_and_revoked_identities_are_unpaired_again()
    {
        var (admin, number, tenantId) = await PairedDispatcherAsync();
        var stranger = NewNumber();
        Reply(await SendAsync(stranger, "LKW W-1234 hat Bremsenproblem")).ShouldContain("not paired");
        Reply(await SendAsync(stranger, "PAIR 000000")).ShouldContain("not valid");

        var identity = (await (await admin.GetAsync("/api/v1/ops/pairing/identities")).ShouldSucceedAsync()).AsArray().Single()!;
        (await admin.PostJsonAsync($"/api/v1/ops/pairing/identities/{identity["id"]}/revoke", new { })).IsSuccessStatusCode.ShouldBeTrue();
        Reply(await SendAsync(number, "LKW W-1234 hat Bremsenproblem")).ShouldContain("not paired");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1", tenantId)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_driver_can_stop_and_start_broadcasts()
    {
        var (tenant, _, _) = await factory.CreateSeededTenantAsync();
        var driver = await factory.Database.ScalarAsync<Guid>("SELECT id FROM ops.drivers WHERE tenant_id = $1 AND full_name = 'Anna Berger'", tenant.Id);
        var phone = await factory.Database.ScalarAsync<string>("SELECT phone FROM ops.drivers WHERE id = $1", driver);
        // The reference world's phones exist in every seeded tenant; give this driver a number of her own.
        var own = NewNumber();
        await factory.Database.ExecuteAsync("UPDATE ops.drivers SET phone = $1 WHERE id = $2", own, driver);
        phone.ShouldNotBeNull();

        Reply(await SendAsync(own, "STOP")).ShouldContain("no longer receive");
        (await factory.Database.ScalarAsync<bool>("SELECT is_subscribed FROM ops.broadcast_subscriptions WHERE driver_id = $1", driver)).ShouldBeFalse();
        (await factory.Database.ScalarAsync<string>("SELECT consent_source FROM ops.broadcast_subscriptions WHERE driver_id = $1", driver)).ShouldBe("whatsapp_stop");
        Reply(await SendAsync(own, "START")).ShouldContain("receive driver messages again");
        (await factory.Database.ScalarAsync<bool>("SELECT is_subscribed FROM ops.broadcast_subscriptions WHERE driver_id = $1", driver)).ShouldBeTrue();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'SUBSCRIPTION_CHANGED' AND payload->>'driver_id' = $1", driver.ToString())).ShouldBeGreaterThanOrEqualTo(2L);
    }

    [Fact]
    public async Task A_driver_of_two_companies_stops_and_starts_in_both_with_one_message()
    {
        var own = NewNumber();
        var drivers = new List<(int Tenant, Guid Driver)>();
        foreach (var _ in new[] { 1, 2 })
        {
            var (tenant, _, _) = await factory.CreateSeededTenantAsync();
            var driver = await factory.Database.ScalarAsync<Guid>("SELECT id FROM ops.drivers WHERE tenant_id = $1 AND full_name = 'Anna Berger'", tenant.Id);
            await factory.Database.ExecuteAsync("UPDATE ops.drivers SET phone = $1 WHERE id = $2", own, driver);
            drivers.Add((tenant.Id, driver));
        }

        async Task<bool[]> SubscribedAsync() =>
            [.. await Task.WhenAll(drivers.Select(d => factory.Database.ScalarAsync<bool>(
                "SELECT is_subscribed FROM ops.broadcast_subscriptions WHERE driver_id = $1", d.Driver)))];

        Reply(await SendAsync(own, "STOP")).ShouldContain("no longer receive");
        (await SubscribedAsync()).ShouldBe([false, false]);
        foreach (var (tenant, driver) in drivers)
            (await factory.Database.ScalarAsync<long>(
                "SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'SUBSCRIPTION_CHANGED' AND payload->>'driver_id' = $2",
                tenant, driver.ToString())).ShouldBe(1L, "each company's trail records the driver's own STOP");

        Reply(await SendAsync(own, "START")).ShouldContain("receive driver messages again");
        (await SubscribedAsync()).ShouldBe([true, true]);
    }
}
