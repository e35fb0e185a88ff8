using System.Globalization;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// Issue 13 through the signed webhook of the real host: for each failure class a message as dispatchers type it, and
/// what it does to the database; corrections of a waiting draft; acknowledgements that decide nothing.
/// </summary>
public sealed class DispatcherLanguageWebhookTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private async Task<string> SendAsync(string from, string body)
    {
        var json = new JsonObject { ["from"] = "whatsapp:" + from, ["body"] = body, ["message_id"] = Gateway.NewMessageId() }.ToJsonString();
        var response = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(json));
        return response.Text("reply")!;
    }

    private static string NewNumber() => "43677" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

    private async Task<(string Number, int TenantId)> PairedDispatcherAsync()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var number = NewNumber();
        (await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>())).ShouldBe("Paired successfully!");
        return (number, tenant.Id);
    }

    private Task<string?> LatestTicketAsync(int tenantId, string column) =>
        factory.Database.ScalarAsync<string>($"SELECT {column} FROM ops.tickets WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1", tenantId);

    private Task<long> CountAsync(string sql, params object[] parameters) => factory.Database.ScalarAsync<long>(sql, parameters);

    [Fact]
    public async Task A_typed_plate_reaches_the_ticket()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        var reply = await SendAsync(number, "der sattelzug w 2245 xb verliert öl");

        reply.Split('\n')[1].ShouldBe("Vehicle: W-2245XB");
        (await SendAsync(number, "jo")).ShouldBe("Ticket #1 created");
        (await LatestTicketAsync(tenantId, "vehicle_plate")).ShouldBe("W-2245XB");
    }

    [Fact]
    public async Task The_ticket_title_keeps_the_broken_thing()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        (await SendAsync(number, "Thermo King am Trailer GU-8812 XZ springt nicht an")).ShouldStartWith("Create ticket: 'Thermo King springt nicht an");
        (await SendAsync(number, "ja passt so")).ShouldBe("Ticket #1 created");
        (await LatestTicketAsync(tenantId, "title")).ShouldBe("Thermo King springt nicht an Trailer GU-8812XZ");
    }

    [Fact]
    public async Task A_facility_reading_out_of_range_is_a_ticket()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        var reply = await SendAsync(number, "Kühlhaus 2 hat nur mehr minus 12 Grad statt minus 20!");

        reply.ShouldStartWith("Create ticket: 'Kühlhaus 2");
        reply.Split('\n')[1].ShouldBe("Vehicle: none named");
        (await SendAsync(number, "passt, schick")).ShouldBe("Ticket #1 created");
        (await LatestTicketAsync(tenantId, "title")).ShouldNotBeNull().ShouldContain("minus 12 Grad statt minus 20");
    }

    [Fact]
    public async Task Everyone_and_a_time_in_words_draft_a_broadcast_to_every_subscribed_driver()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        var lines = (await SendAsync(number, "Erinnere bitte alle an die Schicht übermorgen halb sieben in der Früh")).Split('\n');

        // The reference world has five subscribed drivers; Petra Gruber is not subscribed.
        lines[0].ShouldBe("Send template shift_reminder to 5 drivers? Reply CONFIRM or CANCEL");
        lines[1].ShouldBe("To: Anna Berger, Jan Nowak, Leyla Yilmaz, Max Mustermann, Stefan Huber");
        lines[2].ShouldStartWith("Text (for Anna Berger; each driver gets their own name): Hallo Anna Berger, Schicht am ");
        lines[2].ShouldEndWith(" um 06:30.");
        (await SendAsync(number, "jawoi")).ShouldBe("Template shift_reminder queued for 5 drivers");
        (await CountAsync("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1 AND body LIKE '% um 06:30.'", tenantId)).ShouldBe(5L);
    }

    [Fact]
    public async Task Everyday_no_cancels_and_an_acknowledgement_only_asks_again()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        (await SendAsync(number, "lkw w 2231 reifen platt")).ShouldStartWith("Create ticket:");
        (await SendAsync(number, "ok")).ShouldStartWith("Still waiting for your decision: Create ticket: 'Reifen platt lkw W-2231'?");
        (await CountAsync("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1 AND status = 'PENDING_CONFIRM'", tenantId)).ShouldBe(1L);

        (await SendAsync(number, "Stopp, nicht abschicken!")).ShouldBe("Draft cancelled.");
        (await SendAsync(number, "Unfall mit Sprinter W-4411K")).ShouldStartWith("Create ticket:");
        (await SendAsync(number, "Nein, falsches Kennzeichen")).ShouldBe("Draft cancelled.");
        (await CountAsync("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1 AND status = 'CANCELLED'", tenantId)).ShouldBe(2L);
        (await CountAsync("SELECT count(*) FROM ops.tickets WHERE tenant_id = $1", tenantId)).ShouldBe(0L);
    }

    [Fact]
    public async Task Pair_with_words_around_it_pairs_and_the_trail_masks_the_code()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var code = invite["otp"]!.GetValue<string>();
        var number = NewNumber();

        (await SendAsync(number, $"Hallo! PAIR {code} danke")).ShouldBe("Paired successfully!");

        var audited = await factory.Database.ScalarAsync<string>(
            "SELECT payload->>'body' FROM ops.events WHERE tenant_id = $1 AND event_type = 'MESSAGE_IN' ORDER BY id LIMIT 1", tenant.Id);
        audited.ShouldBe($"Hallo! PAIR {new string('*', code.Length)} danke");
    }

    [Fact]
    public async Task A_typo_in_the_keyword_still_asks_for_the_status()
    {
        var (number, _) = await PairedDispatcherAsync();
        (await SendAsync(number, "Tachograph in W-7788 zeigt Fehler")).ShouldStartWith("Create ticket:");
        (await SendAsync(number, "bestätigen")).ShouldBe("Ticket #1 created");

        (await SendAsync(number, "Status Tiket 1?")).ShouldStartWith("Ticket #1 'Tachograph");
    }

    [Fact]
    public async Task A_route_name_with_a_full_stop_reaches_the_drivers_whole()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        var lines = (await SendAsync(number, "Routenänderung an Max für morgen: Tour 4 St. Pölten")).Split('\n');

        lines[2].ShouldEndWith("ist jetzt Tour 4 St. Pölten.");
        (await SendAsync(number, "CONFIRM")).ShouldBe("Template route_change queued for 1 driver");
        (await factory.Database.ScalarAsync<string>("SELECT template_params->>'route' FROM ops.notifications WHERE tenant_id = $1", tenantId))
            .ShouldBe("Tour 4 St. Pölten");
    }

    [Fact]
    public async Task A_corrected_plate_replaces_the_waiting_ticket_draft_in_one_go()
    {
        var (number, tenantId) = await PairedDispatcherAsync();
        (await SendAsync(number, "LKW W-2231 hat Bremsenproblem")).ShouldStartWith("Create ticket: 'Bremsenproblem LKW W-2231'?");

        var lines = (await SendAsync(number, "nein, W-2245")).Split('\n');

        lines[0].ShouldBe("Create ticket: 'Bremsenproblem LKW W-2245'? Reply CONFIRM or CANCEL");
        lines[1].ShouldBe("Vehicle: W-2245");
        lines[^1].ShouldBe("(Your previous draft was cancelled.)");
        (await CountAsync("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1 AND status = 'CANCELLED'", tenantId)).ShouldBe(1L);
        (await CountAsync("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1 AND status = 'PENDING_CONFIRM'", tenantId)).ShouldBe(1L);
        var trail = await factory.Database.ScalarAsync<string>("""
            SELECT string_agg(event_type, ',' ORDER BY id) FROM ops.events
            WHERE tenant_id = $1 AND event_type IN ('DRAFT_CREATED', 'DRAFT_CANCELLED')
            """, tenantId);
        trail.ShouldBe("DRAFT_CREATED,DRAFT_CANCELLED,DRAFT_CREATED");

        (await SendAsync(number, "ja")).ShouldBe("Ticket #1 created");
        (await LatestTicketAsync(tenantId, "vehicle_plate")).ShouldBe("W-2245");
    }

    [Fact]
    public async Task A_corrected_driver_replaces_the_waiting_broadcast_draft()
    {
        var (number, tenantId) = await PairedDispatcherAsync();
        (await SendAsync(number, "Schichterinnerung an Max für morgen 6 Uhr")).Split('\n')[1].ShouldBe("To: Max Mustermann");

        var lines = (await SendAsync(number, "nicht Max, Anna")).Split('\n');

        lines[0].ShouldBe("Send template shift_reminder to 1 driver? Reply CONFIRM or CANCEL");
        lines[1].ShouldBe("To: Anna Berger");
        lines[2].ShouldStartWith("Text: Hallo Anna Berger, Schicht am ");
        (await SendAsync(number, "falsches Kennzeichen, W-2245")).ShouldNotStartWith("Create ticket"); // a plate does not fit a broadcast
        (await SendAsync(number, "ja")).ShouldBe("Template shift_reminder queued for 1 driver");
        (await factory.Database.ScalarAsync<string>("SELECT body FROM ops.notifications WHERE tenant_id = $1", tenantId))
            .ShouldNotBeNull().ShouldStartWith("Hallo Anna Berger");
    }
}
