using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Bench;

/// <summary>One console grid's first page: the service call's time against PostgreSQL's own time for its queries.</summary>
public sealed record ConsolePageResult(string Page, double ServerMs, double ExplainMs, int Queries, bool IndexScansOnly, string Plan)
{
    public double Ratio => ServerMs / ExplainMs;
}

/// <param name="FloorMs">
/// What any page load costs before its own queries: a fresh runtime context opening its connection (the session's
/// set-up) and running <c>SELECT 1</c>, median of the same number of samples. For scale: a page whose queries take
/// less than this in PostgreSQL cannot load in less than this.
/// </param>
public sealed record ConsolePagesResult(long Events, IReadOnlyDictionary<string, long> Rows, IReadOnlyList<ConsolePageResult> Pages, double FloorMs);

/// <summary>
/// The console's first pages (Drafts history, Audit, Conversations, Notifications, Tickets) over a large tenant: the
/// tenant is topped up to <see cref="BenchOptions.ConsoleEvents"/> events (and a tenth as many drafts, notifications
/// and tickets, a hundredth as many conversations), analysed, then each page is loaded the way its Blazor page loads
/// it (the page's service on a fresh runtime context: the runtime role, the tenant interceptor, row-level security)
/// and timed; the SQL EF sent is captured and run again under EXPLAIN ANALYZE as the runtime role. The ratio is the
/// median load time over the median of (planning + execution) summed over the page's queries; every plan must read
/// the big tables through indexes only (no sequential scan of events, drafts, notifications, tickets or threads).
/// </summary>
public static class ConsolePages
{
    private static readonly string[] BigTables = ["events", "drafts", "notifications", "tickets", "threads"];

    private static readonly (string Page, Func<OpsDbContext, Task> Load)[] FirstPages =
    [
        ("Drafts history", db => new DraftQueries(db).ListAsync(null, 1, 25, CancellationToken.None)),
        ("Audit", db => new AuditQueries(db).PageAsync(new AuditFilter(), 0, 25, CancellationToken.None)),
        ("Conversations", db => new ConversationAdministration(db, TimeProvider.System).ListThreadsAsync(1, 15, CancellationToken.None)),
        ("Notifications", db => new NotificationAdministration(db).ListAsync(null, 1, 25, CancellationToken.None)),
        ("Tickets", db => new TicketService(db).SearchAsync(null, null, 1, 25, CancellationToken.None)),
    ];

    public static async Task<ConsolePagesResult> RunAsync(BenchDatabase database, BenchOptions options, TextWriter log)
    {
        var tenant = HostProcess.DemoTenantId;
        await TopUpAsync(database, tenant, options.ConsoleEvents, log);
        var rows = new Dictionary<string, long>();
        foreach (var table in BigTables)
            rows[table] = await database.ScalarAsync<long>(tenant, $"SELECT count(*) FROM ops.{table}");

        Func<OpsDbContext, Task> floor = db => db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
        for (var i = 0; i < 3; i++) await LoadAsync(database, tenant, floor, null);
        var floorMs = new List<double>();
        for (var i = 0; i < options.ConsoleSamples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await LoadAsync(database, tenant, floor, null);
            floorMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var pages = new List<ConsolePageResult>();
        foreach (var (page, load) in FirstPages)
        {
            for (var i = 0; i < 3; i++) await LoadAsync(database, tenant, load, null); // warm: pool, EF's query cache, JIT

            var serverMs = new List<double>();
            for (var i = 0; i < options.ConsoleSamples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await LoadAsync(database, tenant, load, null);
                serverMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var capture = new CommandCapture();
            await LoadAsync(database, tenant, load, capture);
            var explainMs = new List<double>();
            var plans = new List<JsonElement>();
            for (var i = 0; i < options.ConsoleSamples; i++)
            {
                var (ms, sampled) = await ExplainAnalyzeAsync(database, tenant, [.. capture]);
                explainMs.Add(ms);
                plans = sampled;
            }

            var nodes = plans.Select(p => PlanTree.Nodes(p).ToList()).ToList();
            var indexOnly = nodes.SelectMany(n => n).All(n => !(n.Type.Contains("Seq Scan", StringComparison.Ordinal) && BigTables.Contains(n.Relation)));
            var describe = string.Join(" ; ", nodes.Select(PlanTree.Describe));
            pages.Add(new ConsolePageResult(page, BenchResult.MedianOf(serverMs), BenchResult.MedianOf(explainMs), capture.Count(), indexOnly, describe));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Console {page}: {pages[^1].ServerMs:F2} ms load, {pages[^1].ExplainMs:F2} ms in PostgreSQL ({capture.Count()} queries), index scans only: {indexOnly}"));
        }

        return new ConsolePagesResult(rows["events"], rows, pages, BenchResult.MedianOf(floorMs));
    }

    /// <summary>The tenant grows to the target with rows shaped like the product's, older than the run's own.</summary>
    private static async Task TopUpAsync(BenchDatabase database, int tenant, int events, TextWriter log)
    {
        var existing = await database.ScalarAsync<long>(tenant, "SELECT count(*) FROM ops.events");
        var addEvents = Math.Max(0, events - existing);
        var started = Stopwatch.GetTimestamp();
        await database.ExecuteAsOwnerAsync(tenant, $"""
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at)
            SELECT {tenant}, (ARRAY['MESSAGE_IN', 'MESSAGE_OUT', 'DRAFT_CREATED'])[1 + g % 3],
                   CASE WHEN g % 3 = 2 THEN jsonb_build_object('draft_id', gen_random_uuid()::text, 'action_type', 'CREATE_TICKET')
                        ELSE jsonb_build_object('message_id', 'wamid.bench-old-' || g, 'body', 'LKW W-1234 hat Bremsenproblem') END,
                   now() - interval '1 day' - g * interval '1 second'
            FROM generate_series(1, {addEvents}) AS g;
            """);
        var tenth = events / 10;
        await database.ExecuteAsOwnerAsync(tenant, $"""
            INSERT INTO ops.drafts (tenant_id, action_type, status, expires_at, created_at, updated_at)
            SELECT {tenant}, 'CREATE_TICKET', (ARRAY['COMMITTED', 'CANCELLED', 'EXPIRED'])[1 + g % 3], now() - interval '1 day',
                   now() - interval '1 day' - g * interval '1 second', now() - interval '1 day'
            FROM generate_series(1, {tenth}) AS g;
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status, created_at)
            SELECT {tenant}, '4366412' || lpad((g % 100000)::text, 5, '0'), 'TEXT', 'Bench notification ' || g,
                   (ARRAY['sent', 'delivered', 'failed'])[1 + g % 3], now() - interval '1 day' - g * interval '1 second'
            FROM generate_series(1, {tenth}) AS g;
            INSERT INTO ops.tickets (tenant_id, ticket_number, title, status, created_at, updated_at)
            SELECT {tenant}, base.n + g, 'Bench ticket ' || g, (ARRAY['OPEN', 'RESOLVED', 'CLOSED'])[1 + g % 3],
                   now() - interval '1 day' - g * interval '1 second', now() - interval '1 day'
            FROM (SELECT COALESCE(max(ticket_number), 0) + 1000 AS n FROM ops.tickets WHERE tenant_id = {tenant}) AS base,
                 generate_series(1, {tenth}) AS g;
            INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at)
            SELECT {tenant}, '4367' || lpad(g::text, 8, '0'), now() - interval '1 day' - g * interval '1 second'
            FROM generate_series(1, {events / 100}) AS g;
            """);
        // What autovacuum does to a table after a bulk load, done now: statistics, and the visibility map an index-only
        // scan needs (without it the planner prices every index-only scan as heap fetches). One statement: VACUUM
        // refuses to run inside the implicit transaction of a multi-statement command.
        await database.ExecuteAsOwnerAsync(tenant, "VACUUM (ANALYZE) ops.events, ops.drafts, ops.notifications, ops.tickets, ops.threads");
        log.WriteLine($"Console data: {addEvents} events, {tenth} drafts, notifications and tickets, {events / 100} conversations added in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
    }

    /// <summary>As a console page loads (TenantOperations.RunAsync): a fresh runtime context for the tenant, the service, done.</summary>
    private static async Task LoadAsync(BenchDatabase database, int tenantId, Func<OpsDbContext, Task> load, CommandCapture? capture)
    {
        var tenant = new TenantContext();
        tenant.Use(tenantId);
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        OpsDataServiceCollectionExtensions.Configure(options, database.AppConnectionString);
        options.AddInterceptors(new TenantConnectionInterceptor(tenant, "ops_app"));
        if (capture is not null) options.AddInterceptors(capture);
        await using var db = new OpsDbContext(options.Options, tenant);
        await load(db);
    }

    private static async Task<(double Milliseconds, List<JsonElement> Plans)> ExplainAnalyzeAsync(BenchDatabase database, int tenantId,
        IReadOnlyList<CapturedCommand> commands)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.AppConnectionString)
        {
            Options = $"-c app.tenant_id={tenantId.ToString(CultureInfo.InvariantCulture)}",
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var total = 0.0;
        var plans = new List<JsonElement>();
        foreach (var command in commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + command.Text, connection);
            foreach (var (name, type, value) in command.Parameters) explain.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            var json = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0];
            total += json.GetProperty("Planning Time").GetDouble() + json.GetProperty("Execution Time").GetDouble();
            plans.Add(json.GetProperty("Plan").Clone());
        }

        return (total, plans);
    }
}
