using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// ConversationAdministration.ListMessagesAsync, the console's view of one thread: MESSAGE_IN / MESSAGE_OUT only, newest
/// last, paged on the server with a (created_at, id) cursor, under row-level security, and from ix_events_thread.
/// </summary>
public sealed class ThreadMessagesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task A_threads_messages_come_newest_last_without_other_events_and_page_backwards()
    {
        var tenantId = await NewTenantAsync();
        var threadId = await NewThreadAsync(tenantId);
        var otherThread = await NewThreadAsync(tenantId);
        // Three exchanges a minute apart, a draft event between them, and another thread's message at the same time.
        for (var i = 1; i <= 3; i++)
        {
            await MessageAsync(tenantId, threadId, "MESSAGE_IN", $$"""{"message_id": "wamid.{{i}}", "body": "Nachricht {{i}}", "wa_user_id": "436*****67", "channel": "gateway"}""", minutesAgo: 10 - i * 2);
            await MessageAsync(tenantId, threadId, "DRAFT_CREATED", """{"draft_id": "0192f3a4-0000-7000-8000-000000000001"}""", minutesAgo: 10 - i * 2);
            await MessageAsync(tenantId, threadId, "MESSAGE_OUT", $$"""{"reply": "Antwort {{i}}", "in_reply_to": "wamid.{{i}}", "channel": "gateway"}""", minutesAgo: 9 - i * 2);
            await MessageAsync(tenantId, otherThread, "MESSAGE_IN", """{"message_id": "wamid.other", "body": "anderer Thread"}""", minutesAgo: 10 - i * 2);
        }
        await using var scopes = new RuntimeScopes(Database);
        var (scope, db) = scopes.For(tenantId);
        await using var _ = scope;
        var conversations = new ConversationAdministration(db, TimeProvider.System);

        var newest = await conversations.ListMessagesAsync(threadId, 4, before: null, CancellationToken.None);

        newest.Items.Select(m => m.Text).ShouldBe(["Nachricht 2", "Antwort 2", "Nachricht 3", "Antwort 3"]);
        newest.Items.Select(m => m.Direction).ShouldBe([MessageDirection.Inbound, MessageDirection.Outbound, MessageDirection.Inbound, MessageDirection.Outbound]);
        newest.Items.Select(m => m.MessageId).ShouldBe(["wamid.2", "wamid.2", "wamid.3", "wamid.3"]);
        newest.Items[0].Channel.ShouldBe("gateway");
        newest.Items.Select(m => m.At).ShouldBeInOrder(SortDirection.Ascending);
        newest.HasOlder.ShouldBeTrue();

        var older = await conversations.ListMessagesAsync(threadId, 4, newest.Older, CancellationToken.None);
        older.Items.Select(m => m.Text).ShouldBe(["Nachricht 1", "Antwort 1"]);
        older.HasOlder.ShouldBeFalse();
        older.Older.ShouldBeNull();

        var all = await conversations.ListMessagesAsync(threadId, ConversationAdministration.MaxMessagesPerPage, null, CancellationToken.None);
        all.Items.Count.ShouldBe(6);
        all.HasOlder.ShouldBeFalse();
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            conversations.ListMessagesAsync(threadId, ConversationAdministration.MaxMessagesPerPage + 1, null, CancellationToken.None));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => conversations.ListMessagesAsync(threadId, 0, null, CancellationToken.None));
    }

    [Fact]
    public async Task Messages_at_the_same_instant_page_by_event_id_without_loss_or_repeat()
    {
        var tenantId = await NewTenantAsync();
        var threadId = await NewThreadAsync(tenantId);
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
            SELECT $1, $2, 'MESSAGE_IN', jsonb_build_object('body', 'm' || g), timestamptz '2026-11-01 08:00:00Z'
            FROM generate_series(1, 7) AS g
            """, tenantId, threadId);
        await using var scopes = new RuntimeScopes(Database);
        var (scope, db) = scopes.For(tenantId);
        await using var _ = scope;
        var conversations = new ConversationAdministration(db, TimeProvider.System);

        var seen = new List<string?>();
        MessageCursor? cursor = null;
        do
        {
            var page = await conversations.ListMessagesAsync(threadId, 3, cursor, CancellationToken.None);
            seen.InsertRange(0, page.Items.Select(m => m.Text));
            cursor = page.Older;
        } while (cursor is not null);

        seen.ShouldBe(Enumerable.Range(1, 7).Select(i => (string?)$"m{i}"));
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_a_threads_messages()
    {
        var owner = await NewTenantAsync();
        var other = await NewTenantAsync();
        var threadId = await NewThreadAsync(owner);
        await MessageAsync(owner, threadId, "MESSAGE_IN", """{"message_id": "wamid.secret", "body": "nur für Mandant 1"}""", minutesAgo: 1);
        await using var scopes = new RuntimeScopes(Database);

        var (ownerScope, ownerDb) = scopes.For(owner);
        await using (ownerScope)
            (await new ConversationAdministration(ownerDb, TimeProvider.System).ListMessagesAsync(threadId, 50, null, CancellationToken.None))
                .Items.Single().Text.ShouldBe("nur für Mandant 1");

        var (otherScope, otherDb) = scopes.For(other);
        await using (otherScope)
        {
            var seen = await new ConversationAdministration(otherDb, TimeProvider.System).ListMessagesAsync(threadId, 50, null, CancellationToken.None);
            seen.Items.ShouldBeEmpty();
            seen.HasOlder.ShouldBeFalse();
            // Not only the EF filter: PostgreSQL itself returns no row of tenant 1 to tenant 2's connection.
            (await otherDb.Events.IgnoreQueryFilters().CountAsync(e => e.ThreadId == threadId)).ShouldBe(0);
        }
    }

    [Fact]
    public async Task A_page_of_a_long_conversation_is_an_index_scan_on_ix_events_thread_with_a_limit()
    {
        var tenantId = await NewTenantAsync();
        var threadId = await NewThreadAsync(tenantId);
        var busyThreads = new List<Guid>();
        for (var i = 0; i < 20; i++) busyThreads.Add(await NewThreadAsync(tenantId));
        await Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
            SELECT $1, CASE WHEN g % 21 = 0 THEN $2 ELSE ($3::uuid[])[1 + g % 20] END,
                   (ARRAY['MESSAGE_IN', 'MESSAGE_OUT', 'DRAFT_CREATED'])[1 + g % 3], jsonb_build_object('body', 'm' || g),
                   now() - g * interval '1 second'
            FROM generate_series(1, 60000) AS g
            """, tenantId, threadId, busyThreads.ToArray());
        await Database.ExecuteAsync("ANALYZE ops.events");

        var capture = new QueryCapture();
        await using var db = RuntimeContext(tenantId, capture);
        var page = await new ConversationAdministration(db, TimeProvider.System).ListMessagesAsync(threadId, 50, null, CancellationToken.None);

        page.Items.Count.ShouldBe(50);
        page.HasOlder.ShouldBeTrue();
        var query = capture.Commands.Single();
        query.Text.ShouldContain("ORDER BY e.created_at DESC, e.id DESC");
        query.Text.ShouldContain("LIMIT");
        var plan = await ExplainAsync(tenantId, query);
        plan.ShouldContain("\"Index Name\": \"ix_events_thread\"", customMessage: plan);
        plan.ShouldNotContain("Seq Scan", customMessage: plan);
        JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan").GetProperty("Node Type").GetString().ShouldBe("Limit", plan);
    }

    private Task<int> NewTenantAsync() =>
        Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Threads " + Guid.NewGuid().ToString("N"));

    private Task<Guid> NewThreadAsync(int tenantId) =>
        Database.ScalarAsync<Guid>("INSERT INTO ops.threads (tenant_id, wa_user_id) VALUES ($1, $2) RETURNING id",
            tenantId, "4366" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private Task MessageAsync(int tenantId, Guid threadId, string type, string payload, int minutesAgo) =>
        Database.ExecuteAsync("INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at) VALUES ($1, $2, $3, $4::jsonb, now() - $5 * interval '1 minute')",
            tenantId, threadId, type, payload, minutesAgo);

    /// <summary>The runtime context as the host builds it (ops_app, tenant interceptor, filters), plus a query capture.</summary>
    private OpsDbContext RuntimeContext(int tenantId, QueryCapture capture)
    {
        var tenant = new TenantContext();
        tenant.Use(tenantId);
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        OpsDataServiceCollectionExtensions.Configure(options, Database.AppConnectionString);
        options.AddInterceptors(new TenantConnectionInterceptor(tenant, "ops_app"), capture);
        return new OpsDbContext(options.Options, tenant);
    }

    /// <summary>EXPLAIN of the captured query as the runtime role under the tenant's row-level security.</summary>
    private async Task<string> ExplainAsync(int tenantId, CapturedQuery query)
    {
        await using var connection = new NpgsqlConnection(Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var tenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            tenant.Parameters.AddWithValue(tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await tenant.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + query.Text, connection);
        foreach (var (name, type, value) in query.Parameters) explain.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return (string)(await explain.ExecuteScalarAsync())!;
    }

    private sealed record CapturedQuery(string Text, IReadOnlyList<(string Name, NpgsqlTypes.NpgsqlDbType Type, object? Value)> Parameters);

    private sealed class QueryCapture : DbCommandInterceptor
    {
        public List<CapturedQuery> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("ops.events", StringComparison.Ordinal) || command.CommandText.Contains("\"events\"", StringComparison.Ordinal))
                Commands.Add(new CapturedQuery(command.CommandText,
                    command.Parameters.Cast<NpgsqlParameter>().Select(p => (p.ParameterName, p.NpgsqlDbType, p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
