using OpsCopilot.Data;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

public sealed class IntegrityCheckTests
{
    [Fact]
    public async Task A_healthy_database_passes_all_six_checks()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateOwnerContext();

        var rows = await IntegrityCheck.RunAsync(db, CancellationToken.None);

        rows.Select(r => r.CheckName).ShouldBe(["schema_and_tables", "rls_enabled_and_forced", "runtime_role_least_privilege",
            "dedup_key_unique", "idempotency_function", "permissions_seeded"]);
        rows.ShouldAllBe(r => r.Status == "PASS");
    }

    [Theory]
    [InlineData("ALTER TABLE ops.drivers DISABLE ROW LEVEL SECURITY", "rls_enabled_and_forced", "drivers (RLS disabled)")]
    [InlineData("ALTER TABLE ops.tickets NO FORCE ROW LEVEL SECURITY", "rls_enabled_and_forced", "tickets (RLS not forced)")]
    [InlineData("ALTER TABLE ops.ingest_dedup DROP CONSTRAINT ux_ingest_dedup_key", "dedup_key_unique", "no unique index")]
    [InlineData("DROP FUNCTION ops.check_and_record_idempotency(text, text, integer)", "idempotency_function", "is missing")]
    [InlineData("DELETE FROM auth.permissions WHERE permission_key = 'ops_copilot.audit.view'", "permissions_seeded", "15 of 16")]
    [InlineData("ALTER TABLE ops.webhook_logs RENAME TO webhook_logs_old", "schema_and_tables", "missing tables: webhook_logs")]
    [InlineData("CREATE TABLE ops.rogue (id int); GRANT CREATE ON SCHEMA ops TO ops_app; ALTER TABLE ops.rogue OWNER TO ops_app", "runtime_role_least_privilege", "ops_app owns table ops.rogue")]
    public async Task Breaking_one_property_fails_its_check_with_a_useful_detail(string breakIt, string check, string detail)
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync(breakIt);
        await using var db = database.CreateOwnerContext();

        var rows = await IntegrityCheck.RunAsync(db, CancellationToken.None);

        var failed = rows.Where(r => !r.Passed).ToList();
        failed.Count.ShouldBe(1, string.Join("; ", failed.Select(f => $"{f.CheckName}: {f.Detail}")));
        failed[0].CheckName.ShouldBe(check);
        failed[0].Detail.ShouldContain(detail);
    }
}
