using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsCopilot.Data.Drivers;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

/// <summary>Isolation proven in PostgreSQL itself, under ops_app: the query filters are switched off on purpose.</summary>
public sealed class RowLevelSecurityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private int tenantA;
    private int tenantB;

    public async Task InitializeAsync()
    {
        tenantA = await fixture.Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "A " + Guid.NewGuid());
        tenantB = await fixture.Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "B " + Guid.NewGuid());
        await fixture.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Anna A', '436640000001'), ($2, 'Bert B', '436640000002')", tenantA, tenantB);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_tenant_sees_only_its_own_rows_even_without_query_filters()
    {
        await using var runtime = new RuntimeScopes(fixture.Database);
        var (scope, db) = runtime.For(tenantA);
        await using var _ = scope;

        var names = await db.Drivers.IgnoreQueryFilters().Select(d => d.FullName).ToListAsync();

        names.ShouldBe(["Anna A"]);
        (await db.Database.SqlQueryRaw<string>("SELECT current_user AS \"Value\"").SingleAsync()).ShouldBe("ops_app");
    }

    [Fact]
    public async Task A_tenant_cannot_insert_or_move_rows_into_another_tenant()
    {
        await using var runtime = new RuntimeScopes(fixture.Database);
        var (scope, db) = runtime.For(tenantA);
        await using var _ = scope;

        db.Drivers.Add(new Driver { TenantId = tenantB, FullName = "Intruder", Phone = "436640000099" });
        var insert = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        insert.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        db.ChangeTracker.Clear();
        var move = await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE ops.drivers SET tenant_id = {0}", tenantB));
        move.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = $1", tenantB)).ShouldBe(1L);
    }

    [Fact]
    public async Task An_unset_tenant_sees_no_rows_at_all()
    {
        await using var runtime = new RuntimeScopes(fixture.Database);
        var (scope, db) = runtime.For(null);
        await using var _ = scope;

        (await db.Drivers.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM ops.drivers").SingleAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_pooled_connection_does_not_carry_the_previous_tenant()
    {
        // One physical connection: the second scope must get the same connection back from the pool.
        await using var runtime = new RuntimeScopes(fixture.Database, "Maximum Pool Size=1;Application Name=rls-pool-test");
        var (first, dbA) = runtime.For(tenantA);
        await using (first)
        {
            (await dbA.Drivers.IgnoreQueryFilters().CountAsync()).ShouldBe(1);
            (await dbA.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync()).ShouldBeGreaterThan(0);
        }

        var (second, dbNone) = runtime.For(null);
        await using (second)
            (await dbNone.Drivers.IgnoreQueryFilters().CountAsync()).ShouldBe(0);

        var (third, dbB) = runtime.For(tenantB);
        await using (third)
            (await dbB.Drivers.IgnoreQueryFilters().Select(d => d.FullName).ToListAsync()).ShouldBe(["Bert B"]);
    }

    /// <summary>
    /// Pooled connections are not reset between uses (DatabaseOptions.BoundedConnectionString: no DISCARD ALL, so the
    /// auto-prepared statements survive): a connection handed back inside a transaction comes back rolled back, and
    /// a statement prepared while it worked for tenant A reads tenant B's rows once it works for B.
    /// </summary>
    [Fact]
    public async Task A_reused_connection_keeps_neither_an_open_transaction_nor_the_previous_tenant_in_its_prepared_statements()
    {
        await using var runtime = new RuntimeScopes(fixture.Database, "Maximum Pool Size=1;Application Name=rls-reuse-test");
        int pidA;
        var (first, dbA) = runtime.For(tenantA);
        await using (first)
        {
            // Past Npgsql's auto-prepare threshold, so the next scope runs the prepared statement.
            for (var i = 0; i < 8; i++) (await dbA.Drivers.IgnoreQueryFilters().Select(d => d.FullName).ToListAsync()).ShouldBe(["Anna A"]);
            await dbA.Database.BeginTransactionAsync();
            await dbA.Database.ExecuteSqlRawAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ({0}, 'Uncommitted', '436640000098')", tenantA);
            pidA = await dbA.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        }

        var (second, dbB) = runtime.For(tenantB);
        await using (second)
        {
            (await dbB.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync()).ShouldBe(pidA);
            // The drivers query was prepared while the connection worked for A, and survived the return to the pool.
            (await dbB.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%FROM ops.drivers%'")
                .SingleAsync()).ShouldBeGreaterThan(0L);
            (await dbB.Drivers.IgnoreQueryFilters().Select(d => d.FullName).ToListAsync()).ShouldBe(["Bert B"]);
            (await dbB.Database.SqlQueryRaw<bool>("SELECT pg_current_xact_id_if_assigned() IS NULL AS \"Value\"").SingleAsync()).ShouldBeTrue();
        }

        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE full_name = 'Uncommitted'")).ShouldBe(0L);
    }

    [Fact]
    public async Task The_runtime_login_cannot_escape_its_role()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET ROLE ops_maintenance", connection);
        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
