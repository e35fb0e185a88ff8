using Npgsql;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// The Conversations pager's count is kept by the database (migration 0022): every insert, delete or move of a thread
/// changes its tenant's row in the same transaction, so the kept count is always what counting would say, also when
/// first messages of new senders race. The runtime reads its own tenant's count and cannot write it.
/// </summary>
public sealed class ThreadCountTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Inserts_deletes_and_moves_keep_each_tenants_count_and_a_rollback_leaves_it_alone()
    {
        var a = await NewTenantAsync();
        var b = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.threads (tenant_id, wa_user_id)
            SELECT $1, '4366414' || lpad(g::text, 5, '0') FROM generate_series(1, 7) AS g
            """, a);
        await Database.ExecuteAsync("INSERT INTO ops.threads (tenant_id, wa_user_id) VALUES ($1, '436641499001'), ($1, '436641499002')", b);
        await Database.ExecuteAsync("DELETE FROM ops.threads WHERE tenant_id = $1 AND wa_user_id = '436641400001'", a);
        await Database.ExecuteAsync("UPDATE ops.threads SET tenant_id = $2 WHERE tenant_id = $1 AND wa_user_id = '436641400002'", a, b);
        await using (var owner = await Database.OpenOwnerAsync())
        await using (var transaction = await owner.BeginTransactionAsync())
        {
            await using var insert = new NpgsqlCommand("INSERT INTO ops.threads (tenant_id, wa_user_id) VALUES ($1, '436641499003')", owner, transaction);
            insert.Parameters.AddWithValue(a);
            await insert.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }

        (await KeptAsync(a)).ShouldBe(5L);
        (await KeptAsync(b)).ShouldBe(3L);
        (await KeptAsync(a)).ShouldBe(await CountedAsync(a));
        (await KeptAsync(b)).ShouldBe(await CountedAsync(b));
    }

    [Fact]
    public async Task First_messages_of_new_senders_racing_in_one_tenant_are_each_counted_once()
    {
        var tenant = await NewTenantAsync();
        // 40 deliveries at once from 25 senders: the upsert of the ingest path inserts each sender's thread once, and
        // only an insert counts.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => UpsertAsRuntimeAsync(tenant, "4366415" + (i % 25).ToString("D5", System.Globalization.CultureInfo.InvariantCulture))));

        (await CountedAsync(tenant)).ShouldBe(25L);
        (await KeptAsync(tenant)).ShouldBe(25L);
    }

    [Fact]
    public async Task The_runtime_reads_its_own_tenants_count_and_may_not_change_it()
    {
        var a = await NewTenantAsync();
        var b = await NewTenantAsync();
        await Database.ExecuteAsync("INSERT INTO ops.threads (tenant_id, wa_user_id) VALUES ($1, '436641600001'), ($1, '436641600002')", a);
        await Database.ExecuteAsync("INSERT INTO ops.threads (tenant_id, wa_user_id) VALUES ($1, '436641600003')", b);

        await using var db = QueryPlans.RuntimeContext(Database, a, new CommandCapture());
        var page = await new ConversationAdministration(db, TimeProvider.System).ListThreadsAsync(1, 25, CancellationToken.None);
        (page.Total, page.TotalCapped, page.Items.Count).ShouldBe((2, false, 2));

        await using var runtime = await OpenRuntimeAsync(a);
        (await ScalarAsync<long>(runtime, "SELECT count(*) FROM ops.tenant_thread_counts")).ShouldBe(1L, "its own row only");
        var denied = await Should.ThrowAsync<PostgresException>(() => ScalarAsync<long>(runtime, "UPDATE ops.tenant_thread_counts SET threads = 0 RETURNING threads"));
        denied.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    private async Task UpsertAsRuntimeAsync(int tenant, string phone)
    {
        await using var connection = await OpenRuntimeAsync(tenant);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO ops.threads AS t (tenant_id, wa_user_id, last_inbound_at) VALUES ($1, $2, now())
            ON CONFLICT (tenant_id, wa_user_id) DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at
            """, connection, transaction);
        upsert.Parameters.AddWithValue(tenant);
        upsert.Parameters.AddWithValue(phone);
        await upsert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private async Task<NpgsqlConnection> OpenRuntimeAsync(int tenant)
    {
        var connection = new NpgsqlConnection(Database.AppConnectionString);
        await connection.OpenAsync();
        await using var use = new NpgsqlCommand("SELECT set_config('role', 'ops_app', false), set_config('app.tenant_id', $1, false)", connection);
        use.Parameters.AddWithValue(tenant.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await use.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> KeptAsync(int tenant) =>
        await Database.ScalarAsync<long>("SELECT coalesce((SELECT threads FROM ops.tenant_thread_counts WHERE tenant_id = $1), 0)", tenant);

    private async Task<long> CountedAsync(int tenant) =>
        await Database.ScalarAsync<long>("SELECT count(*) FROM ops.threads WHERE tenant_id = $1", tenant);

    private Task<int> NewTenantAsync() =>
        Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Threads " + Guid.NewGuid().ToString("N"));
}
