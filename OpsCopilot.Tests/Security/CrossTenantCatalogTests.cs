using System.Globalization;
using System.Text;
using Npgsql;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// Issue 11, finding 4, proven from the catalog: as the runtime login (ops_app) working for tenant B, every table and
/// view ops_app may read is read whole, and every function it may execute is called with tenant A's own identifiers
/// (the attacker's best guesses); not one byte of tenant A comes back, not even in an error message, and tenant A's
/// rows are the same afterwards. The functions are enumerated from pg_proc, so a new grant fails this test until
/// someone decides here what an attacker would pass to it.
/// </summary>
public sealed class CrossTenantCatalogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task As_ops_app_for_tenant_B_no_table_and_no_function_yields_a_byte_of_tenant_A()
    {
        var a = await SeededTenantA.CreateAsync(Db);
        var tenantB = await Db.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Beta " + Guid.NewGuid().ToString("N"));
        var before = await a.FingerprintAsync(Db);

        await using var app = new NpgsqlConnection(Db.AppConnectionString);
        await app.OpenAsync();
        await ExecuteAsync(app, $"SELECT set_config('app.tenant_id', '{tenantB}', false)");
        (await ScalarAsync(app, "SELECT current_user")).ShouldBe("ops_app");

        var leaks = new List<string>();

        // Every relation ops_app can read, read whole.
        var relations = await ListAsync(app, """
            SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('ops', 'auth') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND has_table_privilege('ops_app', c.oid, 'SELECT')
            ORDER BY 1
            """);
        relations.ShouldContain("auth.users");
        relations.ShouldContain("ops.tenants");
        foreach (var relation in relations)
            leaks.AddRange(a.Find(await ReadAsync(app, $"SELECT t::text FROM {relation} t")).Select(m => $"{relation}: {m}"));
        // A table readable only column by column would escape the loop above: there must be none.
        (await ListAsync(app, """
            SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('ops', 'auth') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND has_any_column_privilege('ops_app', c.oid, 'SELECT') AND NOT has_table_privilege('ops_app', c.oid, 'SELECT')
            """)).ShouldBeEmpty();

        // Every function and procedure ops_app can execute (trigger functions cannot be called).
        var callable = await ListAsync(app, """
            SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('ops', 'auth') AND p.prorettype <> 'trigger'::regtype
              AND has_function_privilege('ops_app', p.oid, 'EXECUTE')
            ORDER BY 1
            """);
        var calls = a.AttackerCalls(tenantB);
        callable.Except(calls.Keys).ShouldBeEmpty("executable by ops_app but not probed here: add what an attacker would pass");
        calls.Keys.Except(callable).ShouldBeEmpty("probed here but no longer executable by ops_app: remove it");

        foreach (var (signature, argumentLists) in calls)
        {
            var name = signature[..signature.IndexOf('(', StringComparison.Ordinal)];
            var isProcedure = await ScalarAsync(app, $"SELECT prokind::text FROM pg_proc WHERE oid = '{signature}'::regprocedure") == "p";
            foreach (var arguments in argumentLists)
            {
                var sql = isProcedure ? $"CALL {name}({arguments})" : $"SELECT row_to_json(r)::text FROM (SELECT * FROM {name}({arguments})) r";
                string output;
                try
                {
                    output = await ReadAsync(app, sql);
                }
                catch (PostgresException refused)
                {
                    output = refused.MessageText + " " + refused.Detail + " " + refused.Hint;
                }
                leaks.AddRange(a.Find(output).Select(m => $"{signature} with ({arguments}): {m}"));
            }
        }

        leaks.ShouldBeEmpty();
        (await a.FingerprintAsync(Db)).ShouldBe(before, "tenant A's rows changed");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Everything a statement returns, as text.</summary>
    private static async Task<string> ReadAsync(NpgsqlConnection connection, string sql)
    {
        var text = new StringBuilder();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                text.AppendLine();
            }
        } while (await reader.NextResultAsync());
        return text.ToString();
    }

    /// <summary>Tenant A with a recognisable value in every column that can carry one.</summary>
    private sealed class SeededTenantA
    {
        private SeededTenantA(string marker) => Marker = marker;

        public string Marker { get; }
        public int TenantId { get; private set; }
        public string Phone { get; } = "4369" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        public string DriverPhone { get; } = "4368" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        public Guid UserId { get; } = Guid.NewGuid();
        public Guid IdentityId { get; } = Guid.NewGuid();
        public Guid ThreadId { get; } = Guid.NewGuid();
        public Guid DraftId { get; } = Guid.NewGuid();
        public Guid DriverId { get; } = Guid.NewGuid();
        public Guid NotificationId { get; } = Guid.NewGuid();
        public Guid SessionId { get; } = Guid.NewGuid();
        public Guid InviteId { get; } = Guid.NewGuid();
        public string Email => $"alpha-{Marker}@example.test";
        public string OtpHash => "otp" + Marker;
        public string ProviderMessageId => "provider" + Marker;
        public string DedupKey => "key" + Marker;
        public string MessageId => "msg" + Marker;
        public string ContentHash => "hash" + Marker;

        /// <summary>What must never appear: the marker (in every text value), A's numbers and A's ids.</summary>
        private IEnumerable<string> Secrets =>
        [
            Marker, Phone, DriverPhone, UserId.ToString(), IdentityId.ToString(), ThreadId.ToString(), DraftId.ToString(),
            DriverId.ToString(), NotificationId.ToString(), SessionId.ToString(), InviteId.ToString(),
        ];

        public IEnumerable<string> Find(string output) =>
            Secrets.Where(secret => output.Contains(secret, StringComparison.OrdinalIgnoreCase));

        public static async Task<SeededTenantA> CreateAsync(TestDatabase db)
        {
            var a = new SeededTenantA("zq" + Guid.NewGuid().ToString("N")[..20]);
            a.TenantId = await db.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Alpha " + a.Marker);
            var m = a.Marker;
            var statements = new[]
            {
                $"""
                INSERT INTO auth.users (id, tenant_id, display_name, user_name, normalized_user_name, email, normalized_email, password_hash,
                                        security_stamp, concurrency_stamp, phone_number)
                VALUES ('{a.UserId}', {a.TenantId}, 'Person {m}', '{a.Email}', upper('{a.Email}'), '{a.Email}', upper('{a.Email}'), 'pwhash{m}',
                        'stamp{m}', 'cs{m}', '{a.Phone}')
                """,
                $"INSERT INTO auth.user_roles (user_id, role_id) VALUES ('{a.UserId}', '5a1d0000-0000-4000-8000-000000000001')",
                $"INSERT INTO auth.user_claims (user_id, claim_type, claim_value) VALUES ('{a.UserId}', 'claim{m}', 'value{m}')",
                $"INSERT INTO auth.user_tokens (user_id, login_provider, name, value) VALUES ('{a.UserId}', 'p{m}', 'n{m}', 'token{m}')",
                $"INSERT INTO auth.user_logins (login_provider, provider_key, provider_display_name, user_id) VALUES ('lp{m}', 'pk{m}', 'd{m}', '{a.UserId}')",
                $"INSERT INTO auth.sessions (id, tenant_id, user_id, absolute_expires_at) VALUES ('{a.SessionId}', {a.TenantId}, '{a.UserId}', now() + interval '1 day')",
                $"INSERT INTO ops.pairing_invites (id, tenant_id, user_id, otp_hash, expires_at, created_by) VALUES ('{a.InviteId}', {a.TenantId}, '{a.UserId}', '{a.OtpHash}', now() + interval '1 hour', '{a.UserId}')",
                $"INSERT INTO ops.identities (id, tenant_id, user_id, wa_user_id) VALUES ('{a.IdentityId}', {a.TenantId}, '{a.UserId}', '{a.Phone}')",
                $$"""INSERT INTO ops.threads (id, tenant_id, wa_user_id, identity_id, state) VALUES ('{{a.ThreadId}}', {{a.TenantId}}, '{{a.Phone}}', '{{a.IdentityId}}', '{"s":"state{{m}}"}')""",
                $$"""INSERT INTO ops.events (tenant_id, thread_id, event_type, payload) VALUES ({{a.TenantId}}, '{{a.ThreadId}}', 'MESSAGE_IN', '{"body":"event{{m}}","message_id":"{{a.MessageId}}"}')""",
                $$"""INSERT INTO ops.drafts (id, tenant_id, thread_id, action_type, payload, preview, expires_at) VALUES ('{{a.DraftId}}', {{a.TenantId}}, '{{a.ThreadId}}', 'CREATE_TICKET', '{"title":"draft{{m}}"}', 'preview{{m}}', now() + interval '1 hour')""",
                $"INSERT INTO ops.ticket_sequences (tenant_id, last_number) VALUES ({a.TenantId}, 1)",
                $"INSERT INTO ops.tickets (tenant_id, ticket_number, draft_id, title, description, vehicle_plate) VALUES ({a.TenantId}, 1, '{a.DraftId}', 'ticket{m}', 'desc{m}', 'W-{m}')",
                $"INSERT INTO ops.drivers (id, tenant_id, full_name, phone) VALUES ('{a.DriverId}', {a.TenantId}, 'Driver {m}', '{a.DriverPhone}')",
                $"INSERT INTO ops.broadcast_templates (tenant_id, template_key, body_template, wa_template_name, synonyms) VALUES ({a.TenantId}, 'tpl_{m}', 'template{m}', 'wa{m}', ARRAY['syn{m}'])",
                $"INSERT INTO ops.broadcast_subscriptions (tenant_id, driver_id, consent_source) VALUES ({a.TenantId}, '{a.DriverId}', 'consent{m}')",
                $"""
                INSERT INTO ops.notifications (id, tenant_id, draft_id, driver_id, recipient_phone, kind, body, provider_message_id, status, last_error)
                VALUES ('{a.NotificationId}', {a.TenantId}, '{a.DraftId}', '{a.DriverId}', '{a.DriverPhone}', 'TEXT', 'notify{m}', '{a.ProviderMessageId}', 'queued', 'error{m}')
                """,
                $$"""INSERT INTO ops.ingest_dedup (idempotency_key, message_id, wa_user_id, tenant_id, thread_id, response, content_hash) VALUES ('{{a.DedupKey}}', '{{a.MessageId}}', '{{a.Phone}}', {{a.TenantId}}, '{{a.ThreadId}}', '{"reply":"reply{{m}}"}', '{{a.ContentHash}}')""",
                $"INSERT INTO ops.webhook_logs (tenant_id, wa_user_id, payload) VALUES ({a.TenantId}, '{a.Phone}', 'log{m}')",
            };
            foreach (var statement in statements) await db.ExecuteAsync(statement);
            return a;
        }

        /// <summary>Tenant A's rows in every table that holds them, as the owner sees them.</summary>
        public async Task<string> FingerprintAsync(TestDatabase db) => await db.ScalarAsync<string>($"""
            SELECT md5(concat_ws('|',
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.tenants t WHERE id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM auth.users t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM auth.sessions t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM auth.user_roles t WHERE user_id = '{UserId}'),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.pairing_invites t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.identities t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.threads t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.events t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.drafts t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.tickets t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.drivers t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.broadcast_templates t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.broadcast_subscriptions t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.notifications t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.ingest_dedup t WHERE tenant_id = {TenantId}),
                (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM ops.webhook_logs t WHERE tenant_id = {TenantId})))
            """) ?? "";

        /// <summary>
        /// For every function ops_app may execute: the argument lists an attacker working for tenant B would try, built
        /// from tenant A's identifiers. The keys must match the catalog exactly.
        /// </summary>
        public Dictionary<string, string[]> AttackerCalls(int tenantB)
        {
            string Q(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            var newNumber = "4367" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            return new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["auth.sign_in_attempt(text,text,integer,integer,integer,integer,integer)"] = ["'acct', 'client', 5, 30, 50, 1, 900"],
                ["auth.sign_in_candidates(text)"] = [Q(Email.ToUpperInvariant()), Q(Email)],
                ["auth.sign_in_succeeded(text,text)"] = ["'acct', 'client'"],
                ["ops.apply_delivery_status(text,text,text)"] = [$"{Q(ProviderMessageId)}, 'read', NULL", $"{Q(ProviderMessageId)}, 'failed', 'x'"],
                ["ops.claim_ingest_key(text,text,text,text)"] = [$"{Q(DedupKey)}, {Q(Phone)}, {Q(MessageId)}, {Q(ContentHash)}"],
                ["ops.claim_pairing_code(text,text,text,integer,integer,integer,integer)"] =
                    [$"{Q(OtpHash)}, {Q(newNumber)}, {Q("numberhash" + newNumber)}, 5, 20, 100000, 25"],
                ["ops.complete_notification(uuid,timestamp with time zone,text)"] = [$"'{NotificationId}', now(), 'x'"],
                ["ops.current_tenant_id()"] = [""],
                ["ops.drain_failed_notifications(integer)"] = [TenantId.ToString(CultureInfo.InvariantCulture), "NULL"],
                ["ops.fail_notification(uuid,timestamp with time zone,text,text,interval,boolean)"] = [$"'{NotificationId}', now(), 'queued', 'x', interval '1 minute', true"],
                // Pure (reads no table): what it returns is what it was given.
                ["ops.event_search_text(jsonb)"] = ["'{\"body\":\"probe\"}'::jsonb"],
                ["ops.find_driver_memberships(text)"] = [Q(DriverPhone)],
                ["ops.identify_sender(text)"] = [Q(Phone), Q(DriverPhone)],
                ["ops.ingest_outcome_for(text,text,text,text)"] = [$"{Q(DedupKey)}, {Q(MessageId)}, {Q(ContentHash)}, {Q(Phone)}"],
                ["ops.log_inbound_sample(text,text,text,interval)"] = [$"'gateway', {Q(Phone)}, 'sample', interval '1 day'"],
                ["ops.mask_phone(text)"] = ["'436641234567'"],
                ["ops.next_ticket_number()"] = [""],
                ["ops.resolve_sender(text)"] = [Q(Phone)],
                ["ops.simulator_may_speak_as(text)"] = [Q(Phone), Q(DriverPhone)],
                ["ops.search_events(text[],uuid[],text[],uuid,text,timestamp with time zone,timestamp with time zone,integer)"] =
                [
                    $"ARRAY['%event{Marker}%'], ARRAY['{ThreadId}']::uuid[], NULL, NULL, NULL, NULL, NULL, 100",
                    $"ARRAY['%'], NULL, ARRAY['MESSAGE_IN'], '{ThreadId}', {Q(DraftId.ToString())}, now() - interval '1 day', now() + interval '1 day', 100",
                ],
                ["ops.set_driver_subscription_by_phone(text,boolean,text)"] = [$"{Q(DriverPhone)}, false, 'attack'"],
                ["ops.store_ingest_outcome(text,uuid,jsonb)"] = [$"{Q(DedupKey)}, '{ThreadId}', '{{\"reply\":\"mine\"}}'"],
                ["ops.touch_driver_inbound(text,timestamp with time zone)"] = [$"{Q(DriverPhone)}, now()"],
                ["ops.verify_ops_copilot_integrity()"] = [""],
            };
        }
    }
}
