using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Live;
using OpsCopilot.Web.Features.Operations.Retention;
using OpsCopilot.Web.Features.SystemStatus;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The System page and its retention card, rendered with bUnit on the real host's services and database.</summary>
public sealed class SystemComponentTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task Run_retention_now_asks_first_Cancel_runs_nothing_and_a_run_shows_its_progress_then_the_counts()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await factory.Database.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, tenant_id, created_at)
            SELECT 'card-old-' || g, '436641000001', $1, now() - interval '8 days' FROM generate_series(1, 2) g
            """, tenant.Id);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, admin.Id, Permissions.SystemView, Permissions.NotificationsManage);
        var (dialogs, snackbars) = context.RenderProviders();
        var card = context.Render<RetentionCard>(p => p.Add(c => c.CanRun, true).Add(c => c.RunBy, admin.Id));
        // This host's worker is off (tests run it by hand): the card says so and offers the button.
        card.WaitForAssertion(() => card.Find("[data-testid=retention-schedule]").TextContent.ShouldContain("off in this host"));
        Task<long> RunsAsync() => factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'RETENTION_RUN'", tenant.Id);

        // Not awaited: the click's handler waits for the dialog's answer (and then for the run).
        _ = card.Find("[data-testid=run-retention]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent.ShouldBe(
            "Delete, across all tenants, ingest keys older than 7 days, expired webhook logs and delivered notifications older than 30 days? Nothing newer is touched.");
        await dialogs.Find("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        card.FindAll("[data-testid=retention-progress]").ShouldBeEmpty();
        (await RunsAsync()).ShouldBe(0L);

        // Another instance's purge holds the lock: the console's run waits for it, showing that it is under way.
        await using var other = await factory.Database.OpenOwnerAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionService.AdvisoryLockKey})", other))
            await take.ExecuteNonQueryAsync();
        // Not awaited: the click's handler waits for the dialog's answer (and then for the run).
        _ = card.Find("[data-testid=run-retention]").ClickAsync(new());
        _ = dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        card.WaitForAssertion(() =>
        {
            card.Find("[data-testid=retention-progress]").TextContent.ShouldContain("Purging…");
            card.Find("[data-testid=run-retention]").HasAttribute("disabled").ShouldBeTrue();
        });
        (await RunsAsync()).ShouldBe(0L);
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionService.AdvisoryLockKey})", other))
            await release.ExecuteNonQueryAsync();

        snackbars.WaitForAssertion(() => snackbars.Find("[data-testid=snackbar]").TextContent.ShouldStartWith("Retention finished — Purged "), TimeSpan.FromSeconds(20));
        var recorded = await factory.Database.ScalarAsync<string>(
            "SELECT format('%s ingest key(s), %s webhook log(s), %s notification(s)', payload->>'ingest_dedup_purged', payload->>'webhook_logs_purged', payload->>'notifications_purged') " +
            "FROM ops.events WHERE tenant_id = $1 AND event_type = 'RETENTION_RUN' AND payload->>'by' = $2", tenant.Id, admin.Id.ToString());
        snackbars.Find("[data-testid=snackbar]").TextContent.ShouldBe("Retention finished — Purged " + recorded);
        card.WaitForAssertion(() =>
        {
            card.FindAll("[data-testid=retention-progress]").ShouldBeEmpty();
            card.Find("[data-testid=retention-last-counts]").TextContent.ShouldContain("ingest key(s)");
        });
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key LIKE 'card-old-%'")).ShouldBe(0L);
    }

    [Fact]
    public async Task Without_the_permission_the_card_shows_retention_but_offers_no_run()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.SystemView);

        var card = context.Render<RetentionCard>(p => p.Add(c => c.CanRun, false));

        card.WaitForAssertion(() => card.Find("[data-testid=retention-last-run]").TextContent.ShouldNotBeEmpty());
        card.FindAll("[data-testid=run-retention]").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_page_shows_integrity_metrics_retention_and_configuration_without_a_secret()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(services => services.AddSingleton(factory.Services.GetRequiredService<OpsChangeFeed>()),
            factory.Services, tenant.Id, admin.Id, Permissions.SystemView, Permissions.NotificationsManage);

        var page = context.Render<SystemPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=integrity-status]").Count.ShouldBe(6), TimeSpan.FromSeconds(20));
        page.FindAll("[data-testid=integrity-status]").Select(s => s.GetAttribute("data-status")).ShouldAllBe(s => s == "PASS");
        page.Find("[data-testid=metrics-table]").TextContent.ShouldContain("wa_message_processed_total");
        page.Find("[data-testid=metric-row][data-metric=notify_outbox_depth]").TextContent.ShouldBe("Outbox depth");
        page.FindAll("[data-testid=run-retention]").Count.ShouldBe(1);
        page.Find("[data-testid=configuration-row][data-key='OpsCopilot:Webhook:Secret']").ShouldNotBeNull();
        page.Markup.ShouldNotContain(OpsWebFactory.WebhookSecret);
        page.Markup.ShouldNotContain(new NpgsqlConnectionStringBuilder(factory.Database.AppConnectionString).Password!);
        page.Markup.ShouldNotContain(new NpgsqlConnectionStringBuilder(factory.Database.OwnerConnectionString).Password!);
    }
}
