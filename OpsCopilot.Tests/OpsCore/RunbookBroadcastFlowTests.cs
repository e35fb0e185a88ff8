using System.Text.Json.Nodes;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.OpsCore;

/// <summary>The pilot runbook's §3.2 (docs/runbooks.md): seed with its SQL, draft a broadcast, confirm twice, exactly one commit.</summary>
public sealed class RunbookBroadcastFlowTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task Double_confirm_returns_the_same_result_with_one_commit_and_one_notification_per_subscribed_driver()
    {
        await factory.Database.ExecuteAsync("INSERT INTO ops.tenants (id, name) VALUES (1, 'Wien Pilot') ON CONFLICT (id) DO NOTHING; " +
                                            "SELECT setval(pg_get_serial_sequence('ops.tenants', 'id'), (SELECT max(id) FROM ops.tenants))");
        var (admin, password) = await factory.AddUserAsync(1, AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var max = await factory.Database.ScalarAsync<Guid>("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES (1, 'Max Mustermann', '436641999001') RETURNING id");
        await factory.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES (1, 'Not Subscribed', '436641999002')");

        // The runbook's setup, verbatim.
        await factory.Database.ExecuteAsync(RunbookSql.SeedShiftReminderTemplate);
        await factory.Database.ExecuteAsync(RunbookSql.SeedSubscription(max));

        var created = await (await client.PostJsonAsync("/api/v1/ops/drafts/broadcast", new
        {
            template_key = "shift_reminder", all_drivers = true,
            @params = new Dictionary<string, string> { ["date"] = "23.11.2026", ["time"] = "06:00" },
        })).ShouldSucceedAsync();
        created["preview"]!.GetValue<string>().ShouldBe("Send template shift_reminder to 1 driver? Reply CONFIRM or CANCEL");

        // STEP 2 of the runbook: find the pending draft in SQL.
        var draftId = await factory.Database.ScalarAsync<Guid>("SELECT id FROM ops.drafts WHERE status = 'PENDING_CONFIRM' ORDER BY created_at DESC LIMIT 1;");
        draftId.ToString().ShouldBe(created["id"]!.GetValue<string>());

        var first = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        var second = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).ShouldSucceedAsync();

        first["status"]!.GetValue<string>().ShouldBe("COMMITTED");
        first["commit_result"]!["queued"]!.GetValue<int>().ShouldBe(1);
        JsonNode.DeepEquals(first, second).ShouldBeTrue($"{first.ToJsonString()} vs {second.ToJsonString()}");

        (await factory.Database.ScalarAsync<long>($"""
            SELECT COUNT(*) as event_count FROM ops.events
            WHERE event_type = 'DRAFT_COMMITTED' AND payload->>'draft_id' = '{draftId}';
            """)).ShouldBe(1L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE draft_id = $1", draftId)).ShouldBe(1L);
        (await factory.Database.ScalarAsync<string>("SELECT body FROM ops.notifications WHERE draft_id = $1", draftId))
            .ShouldBe("Hallo Max Mustermann, Schicht am 23.11.2026 um 06:00.");
        (await factory.Database.ScalarAsync<string>("SELECT template_params::text FROM ops.notifications WHERE draft_id = $1", draftId))
            .ShouldBe("""{"date": "23.11.2026", "time": "06:00", "driver_name": "Max Mustermann"}""");
    }
}

public sealed class BroadcastDraftTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_broadcast_to_all_queues_one_row_per_subscribed_active_driver()
    {
        var (_, _, client) = await factory.CreateSeededTenantAsync();
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/broadcast", new
        {
            template_key = "shift_reminder", all_drivers = true,
            @params = new Dictionary<string, string> { ["date"] = "24.12.2026", ["time"] = "05:30" },
        })).ShouldSucceedAsync();
        draft["preview"]!.GetValue<string>().ShouldBe("Send template shift_reminder to 5 drivers? Reply CONFIRM or CANCEL");

        var result = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{draft["id"]}/confirm", new { confirmed = true })).ShouldSucceedAsync();

        result["commit_result"]!["queued"]!.GetValue<int>().ShouldBe(5);
        result["commit_result"]!["recipients"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldNotContain("Petra Gruber");
        (await factory.Database.ScalarAsync<long>("SELECT count(DISTINCT recipient_phone) FROM ops.notifications WHERE draft_id = $1::uuid", draft["id"]!.GetValue<string>()))
            .ShouldBe(5L);
    }
}
