using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// The audit page must open and page with 100,000 events without reading them all: one page is an ORDER BY … LIMIT
/// on ix_events_tenant_created, the count stops at the cap. Proven on the SQL EF really sends and PostgreSQL's plan.
/// </summary>
public sealed class AuditQueryShapeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task A_page_of_100000_events_comes_from_an_index_scan_with_a_limit_and_a_capped_count()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at)
            SELECT $1, (ARRAY['MESSAGE_IN', 'MESSAGE_OUT', 'DRAFT_CREATED'])[1 + g % 3], jsonb_build_object('n', g),
                   now() - g * interval '1 second'
            FROM generate_series(1, 100000) AS g
            """, tenantId);
        await Database.ExecuteAsync("ANALYZE ops.events");

        var captured = new CommandCapture();
        await using var db = RuntimeContext(tenantId, captured);
        var page = await new AuditQueries(db).PageAsync(new AuditFilter(), skip: 50, take: 25, CancellationToken.None);

        page.Items.Count.ShouldBe(25);
        page.Items.Select(e => e.Payload).Select(p => JsonDocument.Parse(p).RootElement.GetProperty("n").GetInt32())
            .ShouldBe(Enumerable.Range(51, 25), "newest first: n = 51 … 75 are the 51st to 75th newest");
        page.CountCapped.ShouldBeTrue();
        page.Count.ShouldBe(AuditQueries.CountCap);

        var pageQuery = captured.Single(c => c.Text.Contains("OFFSET", StringComparison.Ordinal));
        pageQuery.Text.ShouldContain("ORDER BY e.created_at DESC, e.id DESC");
        pageQuery.Text.ShouldContain("LIMIT");
        pageQuery.Text.ShouldContain("OFFSET");
        var countQuery = captured.Single(c => c.Text.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
        await QueryPlans.ShouldCountFromIndexAsync(Database, tenantId, countQuery, "ix_events_tenant_created", "events");

        // As the owner (every tenant visible) and as the runtime role under row-level security: the same plan shape.
        await QueryPlans.ShouldPageFromIndexAsync(Database, tenantId, pageQuery, "ix_events_tenant_created", "events");
    }

    [Fact]
    public async Task The_queried_sql_keeps_its_limit_through_ToQueryString()
    {
        var tenantId = await NewTenantAsync();
        await using var db = RuntimeContext(tenantId, new CommandCapture());
        var sql = new AuditQueries(db).Newest(new AuditFilter(EventType: "MESSAGE_IN")).Skip(25).Take(25).ToQueryString();

        sql.ShouldContain("ORDER BY e.created_at DESC, e.id DESC");
        sql.ShouldContain("LIMIT");
        sql.ShouldContain("e.tenant_id =");
    }

    [Fact]
    public async Task Filters_by_type_draft_thread_and_time_range_combine()
    {
        var tenantId = await NewTenantAsync();
        var otherTenant = await NewTenantAsync();
        var draftId = Guid.NewGuid();
        var threadId = Guid.NewGuid();
        await Database.ExecuteAsync("INSERT INTO ops.threads (id, tenant_id, wa_user_id) VALUES ($1, $2, '436641234567')", threadId, tenantId);
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at) VALUES
                ($1, $2, 'DRAFT_CREATED',   jsonb_build_object('draft_id', $3::text), now() - interval '3 hours'),
                ($1, $2, 'DRAFT_COMMITTED', jsonb_build_object('draft_id', $3::text), now() - interval '2 hours'),
                ($1, NULL, 'DRAFT_RESET',   jsonb_build_object('draft_id', $3::text), now() - interval '1 hour'),
                ($1, $2, 'MESSAGE_IN',      jsonb_build_object('message_id', 'm1'),  now() - interval '10 minutes'),
                ($4, NULL, 'DRAFT_CREATED', jsonb_build_object('draft_id', $3::text), now())
            """, tenantId, threadId, draftId.ToString(), otherTenant);
        await using var db = RuntimeContext(tenantId, new CommandCapture());
        var audit = new AuditQueries(db);

        async Task<string[]> TypesAsync(AuditFilter filter) =>
            (await audit.PageAsync(filter, 0, 100, CancellationToken.None)).Items.Select(e => e.EventType).ToArray();

        (await TypesAsync(new AuditFilter())).ShouldBe(["MESSAGE_IN", "DRAFT_RESET", "DRAFT_COMMITTED", "DRAFT_CREATED"]);
        (await TypesAsync(new AuditFilter(DraftId: draftId))).ShouldBe(["DRAFT_RESET", "DRAFT_COMMITTED", "DRAFT_CREATED"]);
        (await TypesAsync(new AuditFilter(ThreadId: threadId))).ShouldBe(["MESSAGE_IN", "DRAFT_COMMITTED", "DRAFT_CREATED"]);
        (await TypesAsync(new AuditFilter(EventType: "DRAFT_COMMITTED", DraftId: draftId))).ShouldBe(["DRAFT_COMMITTED"]);
        var now = DateTimeOffset.UtcNow;
        (await TypesAsync(new AuditFilter(From: now.AddMinutes(-150), To: now.AddMinutes(-30)))).ShouldBe(["DRAFT_RESET", "DRAFT_COMMITTED"]);
        (await TypesAsync(new AuditFilter(DraftId: draftId, From: now.AddMinutes(-90)))).ShouldBe(["DRAFT_RESET"]);
        var all = await audit.PageAsync(new AuditFilter(), 0, 2, CancellationToken.None);
        (all.Items.Count, all.Count, all.CountCapped).ShouldBe((2, 4, false));
    }

    [Fact]
    public async Task Impossible_requests_are_refused_with_a_reason()
    {
        await using var db = RuntimeContext(await NewTenantAsync(), new CommandCapture());
        var audit = new AuditQueries(db);
        (await Should.ThrowAsync<OpsException>(() => audit.PageAsync(new AuditFilter(), 0, 101, CancellationToken.None))).Field.ShouldBe("take");
        (await Should.ThrowAsync<OpsException>(() => audit.PageAsync(new AuditFilter(EventType: "DROP TABLE"), 0, 25, CancellationToken.None)))
            .Field.ShouldBe("event_type");
        var now = DateTimeOffset.UtcNow;
        (await Should.ThrowAsync<OpsException>(() => audit.PageAsync(new AuditFilter(From: now, To: now), 0, 25, CancellationToken.None)))
            .Field.ShouldBe("to");
        AuditQueries.EventTypeNames.ShouldContain("DRAFT_COMMITTED");
        AuditQueries.EventTypeNames.ShouldBe(AuditQueries.EventTypeNames.Order(StringComparer.Ordinal));
    }

    private Task<int> NewTenantAsync() =>
        Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Audit " + Guid.NewGuid().ToString("N"));

    private OpsDbContext RuntimeContext(int tenantId, CommandCapture capture) => QueryPlans.RuntimeContext(Database, tenantId, capture);
}
