using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// The host keeps each tenant's interpretation context (time zone, active drivers, templates) between messages, but
/// never one older than the database: a driver added, renamed away or deactivated — from the console, another host or
/// psql — counts from the very next message, with no wait and no timer (migration 0020's context version).
/// </summary>
public sealed class InterpretationContextSnapshotTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private const string Request = "Schichterinnerung an Zora Neuhuber für morgen 06:00";

    private InterpretationContextSnapshots Snapshots => factory.Services.GetRequiredService<InterpretationContextSnapshots>();

    [Fact]
    public async Task A_driver_added_in_the_database_is_recognised_by_the_very_next_message()
    {
        var (number, tenantId) = await PairedDispatcherAsync();

        (await SendAsync(number, Request)).ShouldBe(ConversationReplies.UnknownDrivers(["Zora Neuhuber"]));
        // The snapshot is kept: a second message reads it without loading the context again.
        var version = await ContextVersionAsync(tenantId);
        Snapshots.Find(tenantId, version).ShouldNotBeNull();
        (await SendAsync(number, Request)).ShouldBe(ConversationReplies.UnknownDrivers(["Zora Neuhuber"]));

        // Straight into the database, as another host or an operator's psql would: no call into this host at all.
        await AddSubscribedDriverAsync(tenantId, "43699");

        (await SendAsync(number, Request)).Split('\n')[0].ShouldBe("Send template shift_reminder to 1 driver? Reply CONFIRM or CANCEL");
        (await SendAsync(number, "CANCEL")).ShouldBe(ConversationReplies.DraftCancelled);
    }

    [Fact]
    public async Task A_deactivated_driver_is_unknown_to_the_very_next_message()
    {
        var (number, tenantId) = await PairedDispatcherAsync();
        await AddSubscribedDriverAsync(tenantId, "43698");
        (await SendAsync(number, Request)).Split('\n')[0].ShouldBe("Send template shift_reminder to 1 driver? Reply CONFIRM or CANCEL");
        (await SendAsync(number, "CANCEL")).ShouldBe(ConversationReplies.DraftCancelled);

        await factory.Database.ExecuteAsync("UPDATE ops.drivers SET is_active = false WHERE tenant_id = $1 AND full_name = 'Zora Neuhuber'", tenantId);

        (await SendAsync(number, Request)).ShouldBe(ConversationReplies.UnknownDrivers(["Zora Neuhuber"]));
    }

    [Fact]
    public async Task The_version_moves_once_per_transaction_with_drivers_templates_and_time_zone_and_never_for_a_rollback()
    {
        var (tenant, _, _) = await factory.CreateSeededTenantAsync();
        var start = await ContextVersionAsync(tenant.Id);

        // An import of many drivers in one transaction: one bump.
        await factory.Database.ExecuteAsync("""
            INSERT INTO ops.drivers (tenant_id, full_name, phone)
            SELECT $1, 'Import ' || g, '43697' || lpad(($1 * 1000 + g)::text, 7, '0') FROM generate_series(1, 50) AS g
            """, tenant.Id);
        (await ContextVersionAsync(tenant.Id)).ShouldBe(start + 1);

        // What message understanding does not read (a driver's subscription window) moves nothing.
        await factory.Database.ExecuteAsync("UPDATE ops.drivers SET last_inbound_at = now() WHERE tenant_id = $1", tenant.Id);
        (await ContextVersionAsync(tenant.Id)).ShouldBe(start + 1);

        await factory.Database.ExecuteAsync("UPDATE ops.broadcast_templates SET synonyms = synonyms || '{Dienstbeginn}' WHERE tenant_id = $1", tenant.Id);
        (await ContextVersionAsync(tenant.Id)).ShouldBe(start + 2);

        await factory.Database.ExecuteAsync("UPDATE ops.tenants SET timezone = 'Europe/Berlin' WHERE id = $1", tenant.Id);
        (await ContextVersionAsync(tenant.Id)).ShouldBe(start + 3);

        // A change rolled back bumps nothing (the bump is part of the same transaction).
        await Should.ThrowAsync<Npgsql.PostgresException>(() => factory.Database.ExecuteAsync($$"""
            DO $$ BEGIN
                INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ({{tenant.Id}}, 'Never There', '4369500{{tenant.Id:D5}}');
                RAISE EXCEPTION 'roll back';
            END $$
            """));
        (await ContextVersionAsync(tenant.Id)).ShouldBe(start + 3);
    }

    private async Task<string> SendAsync(string from, string body)
    {
        var json = new JsonObject { ["from"] = "whatsapp:" + from, ["body"] = body, ["message_id"] = Gateway.NewMessageId() }.ToJsonString();
        var response = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(json));
        return response.Text("reply")!;
    }

    private async Task<(string Number, int TenantId)> PairedDispatcherAsync()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        // One number per tenant of this database: no two tests can draw the same.
        var number = "43696" + tenant.Id.ToString("D7", CultureInfo.InvariantCulture);
        (await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>())).ShouldBe("Paired successfully!");
        return (number, tenant.Id);
    }

    private Task AddSubscribedDriverAsync(int tenantId, string numberPrefix) =>
        factory.Database.ExecuteAsync("""
            WITH driver AS (
                INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Zora Neuhuber', $2) RETURNING id
            )
            INSERT INTO ops.broadcast_subscriptions (tenant_id, driver_id, is_subscribed) SELECT $1, id, true FROM driver
            """, tenantId, numberPrefix + tenantId.ToString("D7", CultureInfo.InvariantCulture));

    private Task<long> ContextVersionAsync(int tenantId) =>
        factory.Database.ScalarAsync<long>("SELECT context_version FROM ops.tenants WHERE id = $1", tenantId);
}
