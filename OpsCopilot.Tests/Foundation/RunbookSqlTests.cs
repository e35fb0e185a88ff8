using Npgsql;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

/// <summary>The SQL the pilot runbook (shared/seeds/000_*.txt; docs/runbooks.md) runs by hand, verbatim, as the owner's psql would.</summary>
public sealed class RunbookSqlTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task Verify_after_migration_returns_six_pass_rows()
    {
        var statuses = await QueryAsync("SELECT * FROM ops.verify_ops_copilot_integrity();", r => r.GetString(1));
        statuses.Count.ShouldBe(6);
        statuses.ShouldAllBe(s => s == "PASS");
    }

    [Fact]
    public async Task Seeding_the_template_and_subscription_works_and_is_repeatable()
    {
        await EnsureTenantOneAsync();
        const string template = RunbookSql.SeedShiftReminderTemplate;
        await Db.ExecuteAsync(template);
        await Db.ExecuteAsync(template);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = 'shift_reminder'")).ShouldBe(1L);

        var driverId = await Db.ScalarAsync<Guid>("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES (1, 'Max Mustermann', $1) RETURNING id", "4366412" + Random.Shared.Next(10000, 99999));
        var subscription = RunbookSql.SeedSubscription(driverId);
        await Db.ExecuteAsync(subscription);
        await Db.ExecuteAsync(subscription);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.broadcast_subscriptions WHERE driver_id = $1", driverId)).ShouldBe(1L);
    }

    [Fact]
    public async Task Stuck_draft_detection_and_both_resolutions_run_verbatim()
    {
        await EnsureTenantOneAsync();
        var reset = await InsertCommittingDraftAsync(TimeSpan.FromMinutes(5));
        var fail = await InsertCommittingDraftAsync(TimeSpan.FromMinutes(5));
        var fresh = await InsertCommittingDraftAsync(TimeSpan.Zero);

        var stuck = await QueryAsync("""
            SELECT id, action_type, created_at, updated_at
            FROM ops.drafts
            WHERE status = 'COMMITTING'
              AND updated_at < NOW() - INTERVAL '60 seconds';
            """, r => r.GetGuid(0));
        stuck.ShouldContain(reset);
        stuck.ShouldContain(fail);
        stuck.ShouldNotContain(fresh);
        (await QueryAsync("SELECT * FROM ops.drafts WHERE status = 'COMMITTING' AND updated_at < NOW() - INTERVAL '60s';", r => r.GetGuid(0)))
            .ShouldBe(stuck, ignoreOrder: true);

        (await Db.ExecuteAsync($"""
            UPDATE ops.drafts
            SET status = 'PENDING_CONFIRM',
                commit_error = 'Reset from COMMITTING after crash',
                updated_at = NOW()
            WHERE id = '{reset}' AND status = 'COMMITTING';
            """)).ShouldBe(1);
        (await Db.ExecuteAsync($"""
            UPDATE ops.drafts
            SET status = 'FAILED',
                commit_error = 'Crash during commit - manual verification required',
                updated_at = NOW()
            WHERE id = '{fail}' AND status = 'COMMITTING';
            """)).ShouldBe(1);

        (await Db.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", reset)).ShouldBe("PENDING_CONFIRM");
        (await Db.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1", fail)).ShouldBe("FAILED");
        (await QueryAsync($"SELECT * FROM ops.events WHERE payload->>'draft_id' = '{reset}';", r => r.GetInt64(0))).ShouldBeEmpty();
        (await QueryAsync($"SELECT * FROM ops.tickets WHERE draft_id = '{reset}';", r => r.GetInt64(0))).ShouldBeEmpty();
        (await QueryAsync("SELECT * FROM ops.drafts WHERE status = 'PENDING_CONFIRM';", r => r.GetGuid(0))).ShouldContain(reset);
        (await Db.ScalarAsync<long>("SELECT COUNT(*) FROM ops.ingest_dedup;")).ShouldBeGreaterThanOrEqualTo(0L);
        (await QueryAsync("SELECT * FROM ops.events ORDER BY created_at DESC LIMIT 10;", r => r.GetInt64(0))).Count.ShouldBeLessThanOrEqualTo(10);
    }

    [Fact]
    public async Task The_full_rollback_removes_the_product_and_its_permissions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("""
            DROP SCHEMA ops CASCADE;
            DELETE FROM auth.permissions WHERE permission_key LIKE 'ops_copilot.%';
            DELETE FROM auth.role_permissions WHERE permission_id IN (
                SELECT id FROM auth.permissions WHERE permission_key LIKE 'ops_copilot.%'
            );
            """);
        (await database.ScalarAsync<string>("SELECT to_regnamespace('ops')::text")).ShouldBeNull();
        (await database.ScalarAsync<long>("SELECT count(*) FROM auth.role_permissions")).ShouldBe(0L);
    }

    private async Task EnsureTenantOneAsync() =>
        await Db.ExecuteAsync("INSERT INTO ops.tenants (id, name) VALUES (1, 'Runbook tenant') ON CONFLICT (id) DO NOTHING; SELECT setval(pg_get_serial_sequence('ops.tenants', 'id'), (SELECT max(id) FROM ops.tenants))");

    private Task<Guid> InsertCommittingDraftAsync(TimeSpan age) =>
        Db.ScalarAsync<Guid>("""
            INSERT INTO ops.drafts (tenant_id, action_type, status, expires_at, created_at, updated_at)
            VALUES (1, 'CREATE_TICKET', 'COMMITTING', now() + interval '5 minutes', now() - $1::interval, now() - $1::interval) RETURNING id
            """, age)!;

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await Db.OpenOwnerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
