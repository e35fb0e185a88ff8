using System.Globalization;
using Npgsql;
using OpsCopilot.Data.Audit;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// A free-text search of the audit trail must stay index-friendly a million events later. Under row-level security
/// ILIKE (not leakproof) cannot be an index condition for ops_app, so the search goes through ops.search_events
/// (migration 0016): proven here on the SQL EF really sends, run as the runtime role, by the database's own counters —
/// the trigram index was scanned and ops.events was never read sequentially — with the direct query as the control.
/// </summary>
public sealed class EventSearchQueryShapeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Events = 20_000;

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task A_rare_text_among_20000_events_is_found_through_the_trigram_index_without_reading_the_table()
    {
        var tenantId = await NewTenantAsync();
        var otherTenant = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at)
            SELECT $1, (ARRAY['MESSAGE_IN', 'MESSAGE_OUT', 'DRAFT_CREATED'])[1 + g % 3],
                   jsonb_build_object('body', 'LKW W-' || g || ' meldet sich zum Dienst', 'n', g), now() - g * interval '1 second'
            FROM generate_series(1, $2) AS g
            """, tenantId, Events);
        // Three events of this tenant and one of another name the rare fault.
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at) VALUES
                ($1, 'MESSAGE_IN', '{"body": "Bremsscheibe gerissen, LKW W-1"}', now() - interval '10 seconds'),
                ($1, 'TICKET_CREATED', '{"title": "BREMSSCHEIBE gerissen W-1", "ticket_number": 7}', now() - interval '5 seconds'),
                ($1, 'MESSAGE_IN', '{"body": "Bremsscheibe gerissen, LKW W-2"}', now() - interval '30 hours'),
                ($2, 'MESSAGE_IN', '{"body": "Bremsscheibe gerissen"}', now())
            """, tenantId, otherTenant);
        await Database.ExecuteAsync("ANALYZE ops.events");

        var capture = new CommandCapture();
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, capture);
        var page = await new AuditQueries(db).PageAsync(new AuditFilter(Search: "bremsscheibe"), skip: 0, take: 25, CancellationToken.None);

        page.Items.Select(e => e.EventType).ShouldBe(["TICKET_CREATED", "MESSAGE_IN", "MESSAGE_IN"], "this tenant's three, newest first");
        (page.Count, page.CountCapped).ShouldBe((3, false));
        var search = capture.Single(c => c.Text.Contains("ops.search_events", StringComparison.Ordinal));

        // As ops_app under row-level security, counted by PostgreSQL in the transaction that ran it.
        var (trigramScans, sequentialScans, found) = await RunCountingScansAsync(search, tenantId);
        found.ShouldBe(3);
        trigramScans.ShouldBeGreaterThanOrEqualTo(1, "the search looked the text up in ix_events_search_trgm");
        sequentialScans.ShouldBe(0, "ops.events was never read whole");

        // The control: the same condition written directly reads every event as ops_app (ILIKE is not leakproof).
        var direct = new CapturedCommand(
            "SELECT e.id FROM ops.events e WHERE ops.event_search_text(e.payload) ILIKE '%bremsscheibe%' ORDER BY e.created_at DESC LIMIT 25", []);
        var directPlan = PlanTree.Nodes(await QueryPlans.ExplainAsync(Database.AppConnectionString, tenantId, direct)).ToList();
        directPlan.ShouldContain(n => n.Type == "Seq Scan" && n.Relation == "events", PlanTree.Describe(directPlan));
    }

    [Fact]
    public async Task Without_a_tenant_the_search_finds_nothing()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync(
            "INSERT INTO ops.events (tenant_id, event_type, payload) VALUES ($1, 'MESSAGE_IN', '{\"body\": \"Kupplung rutscht\"}')", tenantId);
        await using var connection = new NpgsqlConnection(Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM ops.search_events(ARRAY['%kupplung%'], NULL, NULL, NULL, NULL, NULL, NULL, 100)", connection);
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(0L, "fail closed like the policies when app.tenant_id is not set");
    }

    /// <summary>Runs the captured search as ops_app for the tenant and reads the transaction's scan counters.</summary>
    private async Task<(long TrigramScans, long SequentialScans, int Found)> RunCountingScansAsync(CapturedCommand search, int tenantId)
    {
        await using var connection = new NpgsqlConnection(Database.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var tenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, transaction))
        {
            tenant.Parameters.AddWithValue(tenantId.ToString(CultureInfo.InvariantCulture));
            await tenant.ExecuteNonQueryAsync();
        }
        var found = 0;
        await using (var run = new NpgsqlCommand(search.Text, connection, transaction))
        {
            foreach (var parameter in search.Parameters)
                run.Parameters.Add(new NpgsqlParameter(parameter.Name, parameter.Type) { Value = parameter.Value ?? DBNull.Value });
            await using var reader = await run.ExecuteReaderAsync();
            while (await reader.ReadAsync()) found++;
        }
        await using var counters = new NpgsqlCommand("""
            SELECT pg_stat_get_xact_numscans('ops.ix_events_search_trgm'::regclass),
                   (SELECT seq_scan FROM pg_stat_xact_user_tables WHERE schemaname = 'ops' AND relname = 'events')
            """, connection, transaction);
        await using var result = await counters.ExecuteReaderAsync();
        await result.ReadAsync();
        return (result.GetInt64(0), result.IsDBNull(1) ? 0 : result.GetInt64(1), found);
    }

    private Task<int> NewTenantAsync() =>
        Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Search " + Guid.NewGuid().ToString("N"));
}
