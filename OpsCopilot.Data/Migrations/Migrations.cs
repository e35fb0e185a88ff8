using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsCopilot.Data.Migrations;

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000001_RolesAndAuth")]
public sealed class RolesAndAuth : SqlMigration
{
    protected override string UpScript => "0001_roles_and_auth.sql";
    protected override string DownSql => """
        DROP SCHEMA auth CASCADE;
        DROP TABLE ops.tenants;
        DROP FUNCTION ops.current_tenant_id();
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000002_OpsSchema")]
public sealed class OpsSchema : SqlMigration
{
    protected override string UpScript => "0002_ops_schema.sql";
    protected override string DownSql => """
        DROP TABLE ops.data_protection_keys, ops.pairing_attempts, ops.webhook_logs, ops.notifications,
            ops.broadcast_subscriptions, ops.broadcast_templates, ops.drivers, ops.tickets, ops.ticket_sequences,
            ops.drafts, ops.events, ops.threads, ops.identities, ops.pairing_invites;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000003_OpsHardening")]
public sealed class OpsHardening : SqlMigration
{
    protected override string UpScript => "0003_ops_hardening.sql";
    protected override string DownSql => """
        DROP FUNCTION ops.verify_ops_copilot_integrity();
        DROP FUNCTION ops.record_ingest_outcome(text, integer, uuid, jsonb);
        DROP FUNCTION ops.ingest_outcome(text, text);
        DROP FUNCTION ops.check_and_record_idempotency(text, text, integer);
        DROP FUNCTION ops.check_and_record_idempotency(text, text, integer, text);
        DROP TABLE ops.ingest_dedup;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000004_OpsCore")]
public sealed class OpsCore : SqlMigration
{
    protected override string UpScript => "0004_ops_core.sql";
    protected override string DownSql => """
        DROP INDEX ops.ix_notifications_draft;
        DROP INDEX ops.ix_tickets_draft;
        DROP FUNCTION ops.next_ticket_number();
        DROP FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer);
        DROP FUNCTION ops.mask_phone(text);
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000005_Ingest")]
public sealed class Ingest : SqlMigration
{
    protected override string UpScript => "0005_ingest.sql";
    protected override string DownSql => """
        DROP FUNCTION ops.apply_delivery_status(text, text, text);
        DROP FUNCTION ops.unblock_message(text);
        DROP FUNCTION ops.log_inbound_payload(integer, text, text, text, interval);
        DROP FUNCTION ops.touch_driver_inbound(text, timestamptz);
        DROP FUNCTION ops.find_driver_memberships(text);
        DROP FUNCTION ops.resolve_sender(text);
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000006_Outbox")]
public sealed class Outbox : SqlMigration
{
    protected override string UpScript => "0006_outbox.sql";
    protected override string DownSql => """
        DROP FUNCTION ops.operations_snapshot();
        DROP PROCEDURE ops.wa_retention_purge(integer, integer, integer);
        DROP FUNCTION ops.wa_retention_purge_batch(integer, integer, integer);
        DROP FUNCTION ops.drain_failed_notifications(integer);
        DROP FUNCTION ops.fail_notification(uuid, timestamptz, text, text, interval, boolean);
        DROP FUNCTION ops.complete_notification(uuid, timestamptz, text);
        DROP FUNCTION ops.claim_notifications(integer, interval);
        DROP TRIGGER notifications_touch_updated_at ON ops.notifications;
        DROP FUNCTION ops.notifications_touch_updated_at();
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000007_ChangeFeed")]
public sealed class ChangeFeed : SqlMigration
{
    protected override string UpScript => "0007_change_feed.sql";
    protected override string DownSql => """
        DROP TRIGGER notifications_announce_status ON ops.notifications;
        DROP TRIGGER notifications_announce_insert ON ops.notifications;
        DROP TRIGGER tickets_announce_change ON ops.tickets;
        DROP TRIGGER drafts_announce_change ON ops.drafts;
        DROP FUNCTION ops.announce_change();
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000008_ConsoleIndexes")]
public sealed class ConsoleIndexes : SqlMigration
{
    protected override string UpScript => "0008_console_indexes.sql";
    protected override string DownSql => """
        DROP INDEX ops.ix_threads_tenant_last_inbound;
        DROP INDEX ops.ix_notifications_tenant_created;
        DROP INDEX ops.ix_drafts_tenant_created;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000009_DriverSubscriptionByPhone")]
public sealed class DriverSubscriptionByPhone : SqlMigration
{
    protected override string UpScript => "0009_driver_subscription_by_phone.sql";
    protected override string DownSql => "DROP FUNCTION ops.set_driver_subscription_by_phone(text, boolean, text);";
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261101000010_IdentifySender")]
public sealed class IdentifySender : SqlMigration
{
    protected override string UpScript => "0010_identify_sender.sql";
    protected override string DownSql => """
        DROP FUNCTION ops.identify_sender(text);
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000016_ConsoleSearch")]
public sealed class ConsoleSearch : SqlMigration
{
    protected override string UpScript => "0016_console_search.sql";
    protected override string DownSql => """
        DROP FUNCTION ops.search_events(text[], uuid[], text[], uuid, text, timestamptz, timestamptz, integer);
        DROP INDEX ops.ix_events_search_trgm;
        DROP FUNCTION ops.event_search_text(jsonb);
        DROP EXTENSION IF EXISTS pg_trgm;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000011_TenantIsolation")]
public sealed class TenantIsolation : SqlMigration
{
    protected override string UpScript => "0011_tenant_isolation.sql";
    protected override string DownSql => """
        GRANT EXECUTE ON FUNCTION ops.check_and_record_idempotency(text, text, integer, text),
                                  ops.check_and_record_idempotency(text, text, integer),
                                  ops.ingest_outcome(text, text),
                                  ops.record_ingest_outcome(text, integer, uuid, jsonb),
                                  ops.log_inbound_payload(integer, text, text, text, interval) TO ops_app;
        DROP FUNCTION ops.log_inbound_sample(text, text, text, interval);
        DROP FUNCTION ops.store_ingest_outcome(text, uuid, jsonb);
        DROP FUNCTION ops.ingest_outcome_for(text, text, text, text);
        DROP FUNCTION ops.record_ingest_key(text, text, text, text);
        DROP INDEX ops.ux_ingest_dedup_content_hash;
        ALTER TABLE ops.ingest_dedup DROP COLUMN content_hash;
        DROP FUNCTION auth.sign_in_candidates(text);
        DROP INDEX auth.ix_users_normalized_user_name;
        DROP INDEX auth.ux_users_tenant_normalized_user_name;
        CREATE UNIQUE INDEX ux_users_normalized_user_name ON auth.users (normalized_user_name);
        GRANT INSERT, UPDATE, DELETE ON auth.roles, auth.role_claims, auth.permissions, auth.role_permissions TO ops_app;
        DO $$
        DECLARE
            t text;
        BEGIN
            FOREACH t IN ARRAY ARRAY['users', 'user_roles', 'user_claims', 'user_logins', 'user_tokens']
            LOOP
                EXECUTE format('DROP POLICY tenant_isolation ON auth.%I', t);
                EXECUTE format('DROP POLICY maintenance_access ON auth.%I', t);
                EXECUTE format('ALTER TABLE auth.%I NO FORCE ROW LEVEL SECURITY', t);
                EXECUTE format('ALTER TABLE auth.%I DISABLE ROW LEVEL SECURITY', t);
            END LOOP;
        END $$;
        DROP POLICY worker_lists_ids ON ops.tenants;
        DROP POLICY maintenance_access ON ops.tenants;
        DROP POLICY tenant_isolation ON ops.tenants;
        ALTER TABLE ops.tenants NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE ops.tenants DISABLE ROW LEVEL SECURITY;
        REVOKE SELECT (id) ON ops.tenants FROM ops_worker;
        REVOKE EXECUTE ON FUNCTION ops.claim_notifications(integer, interval),
                                   ops.wa_retention_purge_batch(integer, integer, integer),
                                   ops.operations_snapshot() FROM ops_worker;
        GRANT EXECUTE ON FUNCTION ops.claim_notifications(integer, interval),
                                  ops.wa_retention_purge_batch(integer, integer, integer),
                                  ops.operations_snapshot() TO ops_app;
        GRANT EXECUTE ON PROCEDURE ops.wa_retention_purge(integer, integer, integer) TO ops_app;
        REVOKE EXECUTE ON FUNCTION ops.current_tenant_id() FROM ops_worker;
        REVOKE USAGE ON SCHEMA ops FROM ops_worker;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000013_SessionsAndSignIn")]
public sealed class SessionsAndSignIn : SqlMigration
{
    protected override string UpScript => "0013_sessions_and_sign_in.sql";
    protected override string DownSql => """
        DROP FUNCTION auth.sign_in_succeeded(text, text);
        DROP FUNCTION auth.sign_in_attempt(text, text, integer, integer, integer, integer, integer);
        DROP TABLE auth.sign_in_attempts;
        DROP TABLE auth.sessions;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000012_PairingLimits")]
public sealed class PairingLimits : SqlMigration
{
    protected override string UpScript => "0012_pairing_limits.sql";

    /// <summary>Back to 0004's claim function (taken from its script, so there is one copy of it).</summary>
    protected override string DownSql
    {
        get
        {
            var core = EmbeddedSql.Read("0004_ops_core.sql");
            var start = core.IndexOf("CREATE FUNCTION ops.claim_pairing_code(", StringComparison.Ordinal);
            var end = core.IndexOf("END $$;", start, StringComparison.Ordinal) + "END $$;".Length;
            return $"""
                DROP FUNCTION ops.claim_pairing_code(text, text, text, integer, integer, integer, integer);
                DELETE FROM ops.pairing_attempts;
                ALTER TABLE ops.pairing_attempts DROP COLUMN checked;
                DROP INDEX ops.ix_pairing_attempts_number_hash_time;
                ALTER TABLE ops.pairing_attempts RENAME COLUMN number_hash TO wa_user_id;
                CREATE INDEX ix_pairing_attempts_number_time ON ops.pairing_attempts (wa_user_id, attempted_at DESC);
                {core[start..end]}
                ALTER FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer) OWNER TO ops_maintenance;
                REVOKE ALL ON FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer) TO ops_app;
                """;
        }
    }
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000014_SimulatorNumbers")]
public sealed class SimulatorNumbers : SqlMigration
{
    protected override string UpScript => "0014_simulator_numbers.sql";
    protected override string DownSql => "DROP FUNCTION ops.simulator_may_speak_as(text);";
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000019_NotificationTraceParent")]
public sealed class NotificationTraceParent : SqlMigration
{
    protected override string UpScript => "0019_notification_trace_parent.sql";
    protected override string DownSql => "ALTER TABLE ops.notifications DROP COLUMN trace_parent;";
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000020_InterpretationContextVersion")]
public sealed class InterpretationContextVersion : SqlMigration
{
    protected override string UpScript => "0020_interpretation_context_version.sql";
    protected override string DownSql => """
        DROP TRIGGER tenants_bump_context_version ON ops.tenants;
        DROP TRIGGER broadcast_templates_bump_context_version ON ops.broadcast_templates;
        DROP TRIGGER drivers_bump_context_version ON ops.drivers;
        DROP FUNCTION ops.bump_context_version_on_timezone();
        DROP FUNCTION ops.bump_context_version();
        ALTER TABLE ops.tenants DROP COLUMN context_version;
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000021_ClaimIngestKey")]
public sealed class ClaimIngestKey : SqlMigration
{
    protected override string UpScript => "0021_claim_ingest_key.sql";
    protected override string DownSql => """
        GRANT EXECUTE ON FUNCTION ops.record_ingest_key(text, text, text, text) TO ops_app;
        DROP FUNCTION ops.claim_ingest_key(text, text, text, text);
        """;
}

[DbContext(typeof(OpsDbContext))]
[Migration("20261207000022_TenantThreadCounts")]
public sealed class TenantThreadCounts : SqlMigration
{
    protected override string UpScript => "0022_tenant_thread_counts.sql";
    protected override string DownSql => """
        DROP TRIGGER threads_count_move ON ops.threads;
        DROP TRIGGER threads_count_insert_delete ON ops.threads;
        DROP FUNCTION ops.count_thread();
        DROP TABLE ops.tenant_thread_counts;
        """;
}
