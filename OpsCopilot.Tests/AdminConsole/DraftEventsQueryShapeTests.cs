using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// A draft's events (the recovery evidence on every draft detail load and for stuck drafts every 15 s, and the audit
/// page's draft filter) come from one shared query that PostgreSQL answers from the partial index ix_events_draft_id,
/// never by reading every event of the tenant. Proven on the SQL EF really sends and PostgreSQL's plan.
/// </summary>
public sealed class DraftEventsQueryShapeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Events = 200_000;

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task The_recovery_evidence_reads_a_drafts_events_from_the_draft_id_index_among_200000_events()
    {
        var tenantId = await NewTenantAsync();
        var draftId = await NewDraftAsync(tenantId);
        // Every tenth event belongs to some other draft (so the partial index is not empty), three to ours.
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at)
            SELECT $1, CASE WHEN g % 10 = 0 THEN 'DRAFT_CREATED' ELSE 'MESSAGE_IN' END,
                   CASE WHEN g % 10 = 0 THEN jsonb_build_object('draft_id', gen_random_uuid()::text) ELSE jsonb_build_object('n', g) END,
                   now() - g * interval '1 second'
            FROM generate_series(1, $2) AS g
            """, tenantId, Events);
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, payload) VALUES
                ($1, 'DRAFT_CREATED', jsonb_build_object('draft_id', $2::text)),
                ($1, 'DRAFT_COMMITTED', jsonb_build_object('draft_id', $2::text)),
                ($1, 'DRAFT_RESET', jsonb_build_object('draft_id', $2::text))
            """, tenantId, draftId.ToString());
        await Database.ExecuteAsync("ANALYZE ops.events");

        var capture = new CommandCapture();
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, capture);
        var recovery = new DraftRecoveryService(db, Options.Create(new DraftOptions()), TimeProvider.System);
        var evidence = await recovery.GetEvidenceAsync(draftId, CancellationToken.None);

        evidence.Events.Select(e => e.EventType).ShouldBe(["DRAFT_CREATED", "DRAFT_COMMITTED", "DRAFT_RESET"]);
        await ShouldUseTheDraftIdIndexAsync(tenantId, capture.Single(c => c.Text.Contains("payload ? 'draft_id'", StringComparison.Ordinal)));

        // The audit page's draft filter is the same query, paged newest first.
        var auditCapture = new CommandCapture();
        await using var auditDb = QueryPlans.RuntimeContext(Database, tenantId, auditCapture);
        var page = await new AuditQueries(auditDb).PageAsync(new AuditFilter(DraftId: draftId), 0, 25, CancellationToken.None);
        page.Items.Select(e => e.EventType).ShouldBe(["DRAFT_RESET", "DRAFT_COMMITTED", "DRAFT_CREATED"]);
        await ShouldUseTheDraftIdIndexAsync(tenantId, auditCapture.First(c => c.Text.Contains("OFFSET", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Both_surfaces_send_the_same_draft_events_query()
    {
        var tenantId = await NewTenantAsync();
        var draftId = await NewDraftAsync(tenantId);
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, new CommandCapture());

        var shared = DraftEvents.Of(db, draftId).ToQueryString();
        shared.ShouldContain("payload ? 'draft_id'");
        new AuditQueries(db).Newest(new AuditFilter(DraftId: draftId)).ToQueryString().ShouldContain("payload ? 'draft_id'");
    }

    /// <summary>As the owner (every tenant visible) and as the runtime role under row-level security.</summary>
    private async Task ShouldUseTheDraftIdIndexAsync(int tenantId, CapturedCommand query)
    {
        foreach (var plan in new[] { await QueryPlans.ExplainAsync(Database.OwnerConnectionString, null, query),
                                     await QueryPlans.ExplainAsync(Database.AppConnectionString, tenantId, query) })
        {
            var nodes = PlanTree.Nodes(plan).ToList();
            nodes.ShouldContain(n => n.Index == "ix_events_draft_id", PlanTree.Describe(nodes));
            nodes.ShouldNotContain(n => n.Type.Contains("Seq Scan", StringComparison.Ordinal) && n.Relation == "events", PlanTree.Describe(nodes));
        }
    }

    private Task<int> NewTenantAsync() =>
        Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Draft events " + Guid.NewGuid().ToString("N"));

    private Task<Guid> NewDraftAsync(int tenantId) =>
        Database.ScalarAsync<Guid>("""
            INSERT INTO ops.drafts (tenant_id, action_type, status, expires_at) VALUES ($1, 'CREATE_TICKET', 'COMMITTING', now())
            RETURNING id
            """, tenantId);
}
