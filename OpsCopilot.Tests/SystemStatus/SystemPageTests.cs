using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;
using OpsCopilot.Web.Features.Operations.Metrics;
using OpsCopilot.Web.Features.Operations.Retention;
using OpsCopilot.Web.Features.SystemStatus;

namespace OpsCopilot.Tests.SystemStatus;

/// <summary>The System page's metrics, retention and configuration on the real host.</summary>
public sealed class SystemPageTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    /// <remarks>The page loads its cards once the circuit is live (ConsolePage, issue 12), so the first answer is the
    /// shell with a progress bar; what the cards show is proved in ConsoleComponents/SystemComponentTests.</remarks>
    [Fact]
    public async Task The_page_answers_without_the_webhook_secret_or_database_password()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        using var client = await factory.SignedInClientAsync(admin.Email!, password);

        var response = await client.GetAsync("/system");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<h1");
        html.ShouldNotContain(OpsWebFactory.WebhookSecret);
        var databasePassword = new NpgsqlConnectionStringBuilder(factory.Database.AppConnectionString).Password!;
        html.ShouldNotContain(databasePassword);
        html.ShouldNotContain(new NpgsqlConnectionStringBuilder(factory.Database.OwnerConnectionString).Password!);
    }

    [Fact]
    public async Task The_metrics_snapshot_counts_a_processed_webhook_message()
    {
        var paired = await Phones.PairAsync(factory);
        var metrics = factory.Services.GetRequiredService<PrometheusMetrics>();
        double Processed() => MetricsOverview.From(metrics.Snapshot())
            .Where(r => r.Name == "wa_message_processed_total" && r.Labels == "channel=gateway, outcome=processed")
            .Select(r => double.Parse(r.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
        var before = Processed();

        await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(paired.From, "hilfe", Gateway.NewMessageId())));

        Processed().ShouldBe(before + 1);
        var requests = MetricsOverview.From(metrics.Snapshot()).Where(r => r.Name == "wa_webhook_request_ms").ToList();
        requests.ShouldContain(r => r.Labels == "channel=gateway, outcome=processed, status_code=200" && r.Value.Contains("× (mean", StringComparison.Ordinal));
        requests.ShouldAllBe(r => r.Title == "Webhook requests" && r.IsMain);
    }

    [Fact]
    public async Task Running_retention_from_the_console_purges_past_the_cutoffs_reports_the_counts_and_is_audited()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var db = factory.Database;
        await db.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, tenant_id, created_at)
            SELECT 'console-old-' || g, '436641000001', $1, now() - interval '8 days' FROM generate_series(1, 3) g
            UNION ALL SELECT 'console-fresh', '436641000001', $1, now() - interval '1 day'
            """, tenant.Id);
        await db.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status, created_at) VALUES
                ($1, '436641000002', 'TEXT', 'old sent', 'sent', now() - interval '31 days'),
                ($1, '436641000002', 'TEXT', 'old failed', 'failed', now() - interval '31 days'),
                ($1, '436641000002', 'TEXT', 'fresh sent', 'sent', now() - interval '2 days')
            """, tenant.Id);

        await using var scope = factory.RuntimeScope(tenant.Id);
        var retention = scope.ServiceProvider.GetRequiredService<ConsoleRetention>();
        var overview = retention.Overview();
        overview.IngestDedupDays.ShouldBe(7);
        overview.IngestDedupCutoff.ShouldBe(DateTimeOffset.UtcNow.AddDays(-7), TimeSpan.FromMinutes(1));
        overview.NotificationCutoff.ShouldBe(DateTimeOffset.UtcNow.AddDays(-30), TimeSpan.FromMinutes(1));

        var result = await retention.RunNowAsync(admin.Id, CancellationToken.None);

        result.ShouldBe(new RetentionResult(true, 3, 0, 1));
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key LIKE 'console-%'")).ShouldBe(1L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1", tenant.Id)).ShouldBe(2L);
        retention.Overview().LastRun!.Result.ShouldBe(result);
        var payload = await db.ScalarAsync<string>("SELECT payload::text FROM ops.events WHERE tenant_id = $1 AND event_type = 'RETENTION_RUN'", tenant.Id);
        using var json = JsonDocument.Parse(payload!);
        json.RootElement.GetProperty("by").GetGuid().ShouldBe(admin.Id);
        json.RootElement.GetProperty("ingest_dedup_purged").GetInt64().ShouldBe(3);
        json.RootElement.GetProperty("notifications_purged").GetInt64().ShouldBe(1);

        (await retention.RunNowAsync(admin.Id, CancellationToken.None)).ShouldBe(new RetentionResult(true, 0, 0, 0));
    }

    [Fact]
    public async Task Run_now_waits_for_a_purge_already_running_instead_of_answering_busy()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        // Another instance's purge, holding the lock the worker and ops.wa_retention_purge() take, for two seconds.
        await using var other = await factory.Database.OpenOwnerAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionService.AdvisoryLockKey})", other))
            await take.ExecuteNonQueryAsync();
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionService.AdvisoryLockKey})", other);
            await unlock.ExecuteNonQueryAsync();
        });

        await using var scope = factory.RuntimeScope(tenant.Id);
        var result = await scope.ServiceProvider.GetRequiredService<ConsoleRetention>().RunNowAsync(admin.Id, CancellationToken.None);
        await release;

        result.Ran.ShouldBeTrue("the console's run follows the other one instead of giving up");
    }
}
