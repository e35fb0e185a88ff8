using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Notifications.Senders;

namespace OpsCopilot.Tests.Outbox;

/// <summary>Alerts raised by the host itself, the console's drain button path, and the development sender.</summary>
public sealed class OperationsAlertTests
{
    [Fact]
    public async Task An_integrity_fail_found_at_start_posts_an_alert()
    {
        await using var host = await OutboxWebHost.CreateAsync(s => s["OpsCopilot:Outbox:Enabled"] = "false");
        await host.Db.ExecuteAsync("ALTER TABLE ops.notifications NO FORCE ROW LEVEL SECURITY");
        host.Start();

        var alert = (await host.Alerts.WaitForAsync(r => r.Count > 0))[0].Json();
        alert.GetProperty("alert").GetString().ShouldBe("integrity_fail");
        alert.GetProperty("summary").GetString()!.ShouldContain("notifications (RLS not forced)");
        host.Logs.Named("INTEGRITY_FAIL").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_worker_that_keeps_failing_posts_an_alert()
    {
        await using var host = await OutboxWebHost.CreateAsync(s => s["OpsCopilot:Outbox:AlertAfterConsecutiveFailures"] = "2");
        await host.Db.ExecuteAsync("REVOKE EXECUTE ON FUNCTION ops.claim_notifications(integer, interval) FROM ops_worker");
        host.Start();

        var alert = (await host.Alerts.WaitForAsync(r => r.Any(x => x.Text.Contains("outbox_worker_failing", StringComparison.Ordinal))))
            .First(x => x.Text.Contains("outbox_worker_failing", StringComparison.Ordinal)).Json();
        alert.GetProperty("summary").GetString()!.ShouldContain("failed 2 rounds in a row");
    }

    [Fact]
    public async Task Draining_through_the_api_requeues_failed_rows_and_the_worker_delivers_them()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        host.Gateway.Respond = (_, _) => new FakeResponse(422, """{"error":"template paused"}""");
        var (tenant, user, password) = await host.Factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await OutboxData.TemplateAsync(host.Db, tenant.Id);
        for (var i = 0; i < 2; i++) await OutboxData.TemplateRowAsync(host.Db, tenant.Id, OutboxData.Phone());

        var client = await host.Factory.SignedInClientAsync(user.Email!, password);
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status = 'failed'") == 2, what: "failed");
        host.Gateway.Respond = (_, n) => FakeResponse.Ok($$"""{"message_id":"gw-{{n}}"}""");

        var drained = await client.PostJsonAsync("/api/v1/ops/notifications/drain", new { });
        (await drained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("drained").GetInt32().ShouldBe(2);
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status = 'sent'") == 2, what: "delivered after drain");
        var counts = await client.GetFromJsonAsync<Dictionary<string, int>>("/api/v1/ops/notifications/counts");
        counts!["sent"].ShouldBe(2);
        counts["failed"].ShouldBe(0);
    }

    [Fact]
    public async Task The_development_sender_records_what_the_worker_sends_for_the_simulator()
    {
        await using var host = await OutboxWebHost.CreateAsync(s => s["OpsCopilot:Outbox:Sender"] = "Development");
        var tenant = await OutboxData.TenantAsync(host.Db);
        var phone = OutboxData.Phone();
        var driver = await OutboxData.DriverAsync(host.Db, tenant, phone, DateTimeOffset.UtcNow.AddMinutes(-5));
        var id = await OutboxData.TextRowAsync(host.Db, tenant, phone, "Ticket #7 created", driver);
        var outbox = host.Start().GetRequiredService<DevelopmentOutbox>();

        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, id) == "sent", what: "sent");
        var recorded = outbox.Recent(tenant, phone).ShouldHaveSingleItem();
        recorded.Text.ShouldBe("Ticket #7 created");
        (await host.Db.ScalarAsync<string>("SELECT provider_message_id FROM ops.notifications WHERE id = $1", id)).ShouldBe(recorded.ProviderMessageId);
        host.Gateway.Requests.ShouldBeEmpty();
    }
}
