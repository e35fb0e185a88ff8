using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Cli;
using OpsCopilot.Web.Features.Operations.Retention;

namespace OpsCopilot.Tests.Outbox;

/// <summary>docs/runbooks.md, webhook §3: retention of dedup keys, webhook logs and delivered notifications.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Retention_removes_only_rows_past_the_cutoff_in_batches_and_a_second_run_is_harmless()
    {
        await using var db = await TestDatabase.CreateAsync();
        var seeded = await SeedAsync(db);
        var logs = new CapturedLogs();

        var first = await RunAsync(db, logs, batchSize: 2);
        first.ShouldBe(new RetentionResult(true, 5, 3, 4));
        await ShouldKeepOnlyFreshRowsAsync(db, seeded);
        logs.Named("RETENTION_WA_EVENTS_PURGED").ShouldHaveSingleItem().Message.ShouldContain("RETENTION_WA_EVENTS_PURGED 5");
        logs.Named("RETENTION_WEBHOOK_LOGS_PURGED").ShouldHaveSingleItem().Message.ShouldContain("RETENTION_WEBHOOK_LOGS_PURGED 3");

        (await RunAsync(db, logs, batchSize: 2)).ShouldBe(new RetentionResult(true, 0, 0, 0));
        await ShouldKeepOnlyFreshRowsAsync(db, seeded);
    }

    [Fact]
    public async Task The_runbooks_call_purges_the_same_rows_and_can_be_repeated()
    {
        await using var db = await TestDatabase.CreateAsync();
        var seeded = await SeedAsync(db);

        await db.ExecuteAsync("call ops.wa_retention_purge(); -- optional stored procedure if you add one");
        await ShouldKeepOnlyFreshRowsAsync(db, seeded);
        await db.ExecuteAsync("call ops.wa_retention_purge();");
        await ShouldKeepOnlyFreshRowsAsync(db, seeded);
        // The runbook's count queries, with ingest_dedup in place of wa_events.
        (await db.ScalarAsync<long>("select count(*) from ops.ingest_dedup;")).ShouldBe(2L);
        (await db.ScalarAsync<long>("select count(*) from ops.webhook_logs;")).ShouldBe(2L);
    }

    [Fact]
    public async Task Only_one_instance_purges_at_a_time()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SeedAsync(db);
        await using var holder = await db.OpenOwnerAsync();
        await using (var lockIt = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionService.AdvisoryLockKey})", holder))
            await lockIt.ExecuteNonQueryAsync();

        (await RunAsync(db, new CapturedLogs(), batchSize: 100)).Ran.ShouldBeFalse();
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup")).ShouldBe(7L);

        await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionService.AdvisoryLockKey})", holder))
            await unlock.ExecuteNonQueryAsync();
        (await RunAsync(db, new CapturedLogs(), batchSize: 100)).Ran.ShouldBeTrue();
    }

    [Fact]
    public async Task The_cli_verbs_run_retention_and_drain_failed_notifications()
    {
        await using var db = await TestDatabase.CreateAsync();
        var seeded = await SeedAsync(db);
        string[] connection = [$"--ConnectionStrings:Default={db.AppConnectionString}", $"--ConnectionStrings:Migrations={db.OwnerConnectionString}"];

        (await CliRunner.RunAsync(["retention", .. connection])).ShouldBe(0);
        await ShouldKeepOnlyFreshRowsAsync(db, seeded);

        var tenant = await OutboxData.TenantAsync(db);
        var failed = await OutboxData.TextRowAsync(db, tenant, OutboxData.Phone(), "x");
        await db.ExecuteAsync("UPDATE ops.notifications SET status = 'failed' WHERE id = $1", failed);

        (await CliRunner.RunAsync(["drain-notifications", "--tenant", tenant.ToString(System.Globalization.CultureInfo.InvariantCulture), .. connection])).ShouldBe(0);
        (await OutboxData.StatusAsync(db, failed)).ShouldBe("queued");
        (await db.ScalarAsync<string>("SELECT payload->>'count' FROM ops.events WHERE tenant_id = $1 AND event_type = 'NOTIFICATIONS_DRAINED'", tenant)).ShouldBe("1");
        (await CliRunner.RunAsync(["drain-notifications", .. connection])).ShouldBe(0);
    }

    private sealed record Seeded(IReadOnlyList<Guid> FreshNotifications, IReadOnlyList<Guid> KeptOldNotifications);

    /// <summary>Old and fresh rows of every kind retention touches; 5 dedup, 3 logs and 4 notifications are past the cutoff.</summary>
    private static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        var tenant = await OutboxData.TenantAsync(db);
        await db.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, tenant_id, created_at)
            SELECT 'old-' || g, '436641000001', $1, now() - interval '8 days' FROM generate_series(1, 5) g
            """, tenant);
        await db.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, tenant_id, created_at)
            VALUES ('fresh-1', '436641000001', $1, now() - interval '6 days'), ('fresh-2', NULL, NULL, now())
            """, tenant);
        await db.ExecuteAsync("""
            INSERT INTO ops.webhook_logs (tenant_id, payload, received_at, expires_at)
            SELECT $1, '{}', now() - interval '4 days', now() - interval '1 hour' FROM generate_series(1, 3)
            """, tenant);
        await db.ExecuteAsync("""
            INSERT INTO ops.webhook_logs (tenant_id, payload, expires_at) VALUES ($1, '{}', now() + interval '1 hour'), (NULL, '{}', now() + interval '2 days')
            """, tenant);
        var fresh = new List<Guid>();
        var keptOld = new List<Guid>();
        foreach (var status in new[] { "sent", "delivered", "read", "sent" })
            await AgedAsync(status, 31);
        fresh.Add(await AgedAsync("sent", 29));
        fresh.Add(await AgedAsync("read", 1));
        keptOld.Add(await AgedAsync("failed", 90));
        keptOld.Add(await AgedAsync("dead", 90));
        keptOld.Add(await AgedAsync("queued", 90));
        return new Seeded(fresh, keptOld);

        async Task<Guid> AgedAsync(string status, int days)
        {
            var id = await OutboxData.TextRowAsync(db, tenant, OutboxData.Phone(), "x");
            await db.ExecuteAsync("UPDATE ops.notifications SET status = $2, created_at = now() - make_interval(days => $3) WHERE id = $1", id, status, days);
            return id;
        }
    }

    private static async Task ShouldKeepOnlyFreshRowsAsync(TestDatabase db, Seeded seeded)
    {
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup")).ShouldBe(2L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key LIKE 'old-%'")).ShouldBe(0L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.webhook_logs")).ShouldBe(2L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.webhook_logs WHERE expires_at < now()")).ShouldBe(0L);
        var remaining = (await OutboxDeliveryTests.QueryAsync(db, "SELECT id FROM ops.notifications", r => r.GetGuid(0))).ToHashSet();
        remaining.SetEquals(seeded.FreshNotifications.Concat(seeded.KeptOldNotifications)).ShouldBeTrue();
    }

    private static async Task<RetentionResult> RunAsync(TestDatabase db, CapturedLogs logs, int batchSize)
    {
        await using var runtime = new RuntimeScopes(db);
        await using (var context = runtime.Worker())
        {
            using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
            var service = new RetentionService(context, Options.Create(new RetentionOptions { BatchSize = batchSize }), loggers.CreateLogger<RetentionService>());
            return await service.RunAsync(CancellationToken.None);
        }
    }
}
