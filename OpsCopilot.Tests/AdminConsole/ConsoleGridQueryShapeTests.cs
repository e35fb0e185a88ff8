using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// The console's unfiltered newest-first grids (draft history, the outbox, conversations, tickets) stay fast with a large
/// tenant: a page is an index range scan stopped by LIMIT (migration 0008), never a sort of every row, and its count
/// walks the same index no further than the cap (Paging.CountCap): 30,000 rows answer "10,000+". Conversations read
/// the count the database keeps instead (migration 0022).
/// </summary>
public sealed class ConsoleGridQueryShapeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Rows = 30_000;

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Draft_history_pages_from_the_tenant_created_index()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.drafts (tenant_id, action_type, status, expires_at, created_at)
            SELECT $1, 'CREATE_TICKET', (ARRAY['COMMITTED', 'CANCELLED', 'EXPIRED'])[1 + g % 3], now(), now() - g * interval '1 second'
            FROM generate_series(1, $2) AS g
            """, tenantId, Rows);
        await Database.ExecuteAsync("ANALYZE ops.drafts");

        var capture = new CommandCapture();
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, capture);
        var page = await new DraftQueries(db).ListAsync(null, 3, 25, CancellationToken.None);

        (page.Items.Count, page.Total, page.TotalCapped).ShouldBe((25, Paging.CountCap, true));
        page.Items.Select(d => d.CreatedAt).ShouldBe(page.Items.Select(d => d.CreatedAt).OrderDescending(), "newest first");
        await QueryPlans.ShouldPageFromIndexAsync(Database, tenantId, PageQuery(capture), "ix_drafts_tenant_created", "drafts");
        await QueryPlans.ShouldCountFromIndexAsync(Database, tenantId, CountQuery(capture), "ix_drafts_tenant_created", "drafts");
    }

    [Fact]
    public async Task The_outbox_pages_from_the_tenant_created_index()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status, created_at)
            SELECT $1, '4366412' || lpad(g::text, 5, '0'), 'TEXT', 'hello', (ARRAY['sent', 'delivered', 'failed'])[1 + g % 3],
                   now() - g * interval '1 second'
            FROM generate_series(1, $2) AS g
            """, tenantId, Rows);
        await Database.ExecuteAsync("ANALYZE ops.notifications");

        var capture = new CommandCapture();
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, capture);
        var page = await new NotificationAdministration(db).ListAsync(null, 2, 50, CancellationToken.None);

        (page.Items.Count, page.Total, page.TotalCapped).ShouldBe((50, Paging.CountCap, true));
        await QueryPlans.ShouldPageFromIndexAsync(Database, tenantId, PageQuery(capture), "ix_notifications_tenant_created", "notifications");
        await QueryPlans.ShouldCountFromIndexAsync(Database, tenantId, CountQuery(capture), "ix_notifications_tenant_created", "notifications");
    }

    [Fact]
    public async Task Conversations_page_from_the_tenant_last_inbound_index()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at)
            SELECT $1, '4366413' || lpad(g::text, 5, '0'), now() - g * interval '1 second'
            FROM generate_series(1, $2) AS g
            """, tenantId, Rows);
        await Database.ExecuteAsync("ANALYZE ops.threads");

        var capture = new CommandCapture();
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, capture);
        var page = await new ConversationAdministration(db, TimeProvider.System).ListThreadsAsync(2, 25, CancellationToken.None);

        // Exact past the cap: the count is the one the database keeps (migration 0022), not a walk over the threads.
        (page.Items.Count, page.Total, page.TotalCapped).ShouldBe((25, Rows, false));
        page.Items[0].WaUserId.ShouldBe("436641300026", "the 26th most recent sender opens page 2");
        var readingThreads = capture.Where(c => c.Text.Contains("ops.threads", StringComparison.Ordinal)).ToList();
        await QueryPlans.ShouldPageFromIndexAsync(Database, tenantId, readingThreads.ShouldHaveSingleItem("only the page reads threads"),
            "ix_threads_tenant_last_inbound", "threads");
        capture.ShouldContain(c => c.Text.Contains("ops.tenant_thread_counts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tickets_page_and_count_from_the_tenant_number_index()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.tickets (tenant_id, ticket_number, title, status)
            SELECT $1, g, 'Bremsen ' || g, (ARRAY['OPEN', 'IN_PROGRESS', 'CLOSED'])[1 + g % 3]
            FROM generate_series(1, $2) AS g
            """, tenantId, Rows);
        await Database.ExecuteAsync("ANALYZE ops.tickets");

        var capture = new CommandCapture();
        await using var db = QueryPlans.RuntimeContext(Database, tenantId, capture);
        var page = await new TicketService(db).SearchAsync(null, null, 2, 25, CancellationToken.None);

        (page.Items.Count, page.Total, page.TotalCapped).ShouldBe((25, Paging.CountCap, true));
        page.Items[0].Ticket.TicketNumber.ShouldBe(Rows - 25, "newest number first");
        await QueryPlans.ShouldPageFromIndexAsync(Database, tenantId, PageQuery(capture), "tickets_tenant_id_ticket_number_key", "tickets");
        await QueryPlans.ShouldCountFromIndexAsync(Database, tenantId, CountQuery(capture), "tickets_tenant_id_ticket_number_key", "tickets");
    }

    [Fact]
    public async Task A_list_under_the_cap_counts_exactly()
    {
        var tenantId = await NewTenantAsync();
        await Database.ExecuteAsync("""
            INSERT INTO ops.drafts (tenant_id, action_type, status, expires_at, created_at)
            SELECT $1, 'CREATE_TICKET', 'COMMITTED', now(), now() - g * interval '1 second' FROM generate_series(1, 37) AS g
            """, tenantId);

        await using var db = QueryPlans.RuntimeContext(Database, tenantId, new CommandCapture());
        var page = await new DraftQueries(db).ListAsync("COMMITTED", 2, 25, CancellationToken.None);

        (page.Items.Count, page.Total, page.TotalCapped).ShouldBe((12, 37, false));
    }

    private static CapturedCommand PageQuery(CommandCapture capture) =>
        capture.Single(c => c.Text.Contains("LIMIT", StringComparison.Ordinal) && !c.Text.Contains("count(*)", StringComparison.OrdinalIgnoreCase));

    private static CapturedCommand CountQuery(CommandCapture capture) =>
        capture.Single(c => c.Text.Contains("count(*)", StringComparison.OrdinalIgnoreCase));

    private Task<int> NewTenantAsync() =>
        Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Grid " + Guid.NewGuid().ToString("N"));
}
