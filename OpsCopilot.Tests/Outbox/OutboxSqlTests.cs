using OpsCopilot.Data.Outbox;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Outbox;

/// <summary>The functions of migration 0006 as the runtime role sees them: claims across tenants, leases, RLS, forward-only status.</summary>
public sealed class OutboxSqlTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task Concurrent_claims_by_the_runtime_role_take_due_rows_of_every_tenant_exactly_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var tenantA = await OutboxData.TenantAsync(db);
        var tenantB = await OutboxData.TenantAsync(db);
        await OutboxData.BulkTextAsync(db, tenantA, 60);
        await OutboxData.BulkTextAsync(db, tenantB, 40);
        await db.ExecuteAsync("UPDATE ops.notifications SET next_attempt_at = now() + interval '1 hour' WHERE body = 'Nachricht 1'");

        await using var runtime = new RuntimeScopes(db);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var context = runtime.Worker();
            return await OutboxStore.ClaimAsync(context, 20, TimeSpan.FromMinutes(1), CancellationToken.None);
        }));

        var claimed = claims.SelectMany(c => c).ToList();
        claimed.Count.ShouldBe(98);
        claimed.Select(n => n.Id).Distinct().Count().ShouldBe(98);
        claimed.Select(n => n.TenantId).Distinct().Order().ShouldBe(new[] { tenantA, tenantB }.Order());
        claimed.ShouldAllBe(n => n.Status == "sending" && n.LockedUntil > DateTimeOffset.UtcNow);

        await using (var context2 = runtime.Worker())
            (await OutboxStore.ClaimAsync(context2, 50, TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Completing_needs_the_lease_and_the_rows_tenant()
    {
        var tenantA = await OutboxData.TenantAsync(Db);
        var tenantB = await OutboxData.TenantAsync(Db);
        var row = await OutboxData.TextRowAsync(Db, tenantA, OutboxData.Phone(), "Hallo");
        var lease = await Db.ScalarAsync<DateTime>("UPDATE ops.notifications SET status = 'sending', locked_until = now() + interval '1 minute' WHERE id = $1 RETURNING locked_until", row);
        var held = new DateTimeOffset(DateTime.SpecifyKind(lease, DateTimeKind.Utc));

        await using var runtime = new RuntimeScopes(Db);
        await InTenantAsync(tenantB, async db => (await OutboxStore.CompleteAsync(db, row, held, "x", CancellationToken.None)).ShouldBeFalse());
        await InTenantAsync(tenantA, async db => (await OutboxStore.CompleteAsync(db, row, held.AddTicks(10), "x", CancellationToken.None)).ShouldBeFalse());
        await InTenantAsync(tenantA, async db => (await OutboxStore.FailAsync(db, row, held, "sent", "not a failure status", TimeSpan.Zero, true, CancellationToken.None)).ShouldBeFalse());
        (await OutboxData.StatusAsync(Db, row)).ShouldBe("sending");

        await InTenantAsync(tenantA, async db => (await OutboxStore.CompleteAsync(db, row, held, "wamid.1", CancellationToken.None)).ShouldBeTrue());
        (await OutboxData.StatusAsync(Db, row)).ShouldBe("sent");
        await InTenantAsync(tenantA, async db => (await OutboxStore.CompleteAsync(db, row, held, "wamid.2", CancellationToken.None)).ShouldBeFalse());
        (await Db.ScalarAsync<string>("SELECT provider_message_id FROM ops.notifications WHERE id = $1", row)).ShouldBe("wamid.1");

        async Task InTenantAsync(int tenant, Func<OpsCopilot.Data.OpsDbContext, Task> act)
        {
            var (scope, db) = runtime.For(tenant);
            await using (scope) await act(db);
        }
    }

    [Fact]
    public async Task Delivery_status_only_moves_forward()
    {
        var tenant = await OutboxData.TenantAsync(Db);
        var providerId = "wamid." + Guid.NewGuid().ToString("N");
        var row = await OutboxData.TextRowAsync(Db, tenant, OutboxData.Phone(), "Hallo");
        await Db.ExecuteAsync("UPDATE ops.notifications SET status = 'sent', provider_message_id = $2 WHERE id = $1", row, providerId);

        await using var runtime = new RuntimeScopes(Db);
        var (scope, db) = runtime.For(null);
        await using (scope)
        {
            (await DeliveryStatusUpdates.ApplyAsync(db, providerId, "read", null, CancellationToken.None)).ShouldBe(1);
            (await DeliveryStatusUpdates.ApplyAsync(db, providerId, "delivered", null, CancellationToken.None)).ShouldBe(0);
            (await DeliveryStatusUpdates.ApplyAsync(db, providerId, "sent", null, CancellationToken.None)).ShouldBe(0);
            (await DeliveryStatusUpdates.ApplyAsync(db, providerId, "failed", "131026", CancellationToken.None)).ShouldBe(0);
            (await DeliveryStatusUpdates.ApplyAsync(db, providerId, "bogus", null, CancellationToken.None)).ShouldBe(0);
            (await DeliveryStatusUpdates.ApplyAsync(db, "wamid.unknown", "read", null, CancellationToken.None)).ShouldBe(0);
        }
        (await OutboxData.StatusAsync(Db, row)).ShouldBe("read");

        var other = "wamid." + Guid.NewGuid().ToString("N");
        var failing = await OutboxData.TextRowAsync(Db, tenant, OutboxData.Phone(), "Hallo");
        await Db.ExecuteAsync("UPDATE ops.notifications SET status = 'sent', provider_message_id = $2 WHERE id = $1", failing, other);
        (await Db.ScalarAsync<int>("SELECT ops.apply_delivery_status($1, 'failed', 'Message undeliverable (131026)')", other)).ShouldBe(1);
        (await OutboxData.StatusAsync(Db, failing)).ShouldBe("failed");
        (await Db.ScalarAsync<string>("SELECT last_error FROM ops.notifications WHERE id = $1", failing)).ShouldBe("Message undeliverable (131026)");
    }

    [Fact]
    public async Task The_runbook_drain_sql_runs_verbatim_and_keeps_updated_at_truthful()
    {
        await using var db = await TestDatabase.CreateAsync();
        var tenant = await OutboxData.TenantAsync(db);
        var failed = await OutboxData.TextRowAsync(db, tenant, OutboxData.Phone(), "Hallo");
        await db.ExecuteAsync("UPDATE ops.notifications SET status = 'failed', retry_count = 2, next_attempt_at = now() - interval '1 day', updated_at = now() - interval '1 day' WHERE id = $1", failed);
        var sent = await OutboxData.TextRowAsync(db, tenant, OutboxData.Phone(), "Hallo");
        await db.ExecuteAsync("UPDATE ops.notifications SET status = 'sent' WHERE id = $1", sent);

        var monitor = await OutboxDeliveryTests.QueryAsync(db, "select status, count(*) from ops.notifications group by 1;", r => (r.GetString(0), r.GetInt64(1)));
        monitor.ShouldBe([("failed", 1L), ("sent", 1L)], ignoreOrder: true);

        (await db.ExecuteAsync("""
            update ops.notifications
            set status = 'queued',
                next_attempt_at = now(),
                retry_count = greatest(retry_count, 0)
            where status = 'failed';
            """)).ShouldBe(1);
        (await OutboxData.StatusAsync(db, failed)).ShouldBe("queued");
        (await db.ScalarAsync<int>("SELECT retry_count FROM ops.notifications WHERE id = $1", failed)).ShouldBe(2);
        (await db.ScalarAsync<bool>("SELECT updated_at > now() - interval '1 minute' FROM ops.notifications WHERE id = $1", failed)).ShouldBeTrue();
        (await OutboxData.StatusAsync(db, sent)).ShouldBe("sent");
    }

    [Fact]
    public async Task The_drain_function_sees_only_the_callers_tenant_under_rls()
    {
        await using var db = await TestDatabase.CreateAsync();
        var tenantA = await OutboxData.TenantAsync(db);
        var tenantB = await OutboxData.TenantAsync(db);
        foreach (var tenant in new[] { tenantA, tenantA, tenantB })
            await db.ExecuteAsync("UPDATE ops.notifications SET status = 'failed' WHERE id = $1", await OutboxData.TextRowAsync(db, tenant, OutboxData.Phone(), "x"));

        await using var runtime = new RuntimeScopes(db);
        var (scope, context) = runtime.For(tenantA);
        await using (scope) (await OutboxStore.DrainFailedAsync(context, null, CancellationToken.None)).ShouldBe(2);
        (await OutboxData.CountAsync(db, "status = 'failed' AND tenant_id = $1", tenantB)).ShouldBe(1);
    }
}
