-- ops_app reads nothing across tenants (issue 11, finding 4), and a signed delivery cannot be replayed (finding 1).
--
-- * ops_worker: a NOLOGIN role for the background workers (outbox claim, retention, gauges, the draft-expiry
--   sweep's tenant list). The runtime login (ops_app) is NOT a member, so no web request can switch to it; the
--   host reaches it through another login (ConnectionStrings:Worker, else the owner login of
--   ConnectionStrings:Migrations) that does SET ROLE ops_worker. The cross-tenant worker functions are revoked
--   from ops_app.
-- * The SECURITY DEFINER lookups the webhook needs before it knows a tenant keep working for a scope without a
--   tenant; a scope that works for a tenant (a console request, a circuit) sees only that tenant through them.
-- * Writes that name a tenant take it from app.tenant_id instead of a parameter.
-- * auth.* and ops.tenants get row-level security by tenant; roles and permissions are read-only for ops_app.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ops_worker') THEN
        BEGIN
            CREATE ROLE ops_worker NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'ops_worker', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT ops_worker TO %I', current_user);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
END $$;
GRANT USAGE ON SCHEMA ops TO ops_worker;
-- ops_maintenance owns the sign-in lookup in schema auth.
GRANT CREATE ON SCHEMA auth TO ops_maintenance;
GRANT EXECUTE ON FUNCTION ops.current_tenant_id() TO ops_worker;

-- ---------------------------------------------------------------------------------------------------------------
-- The workers' cross-tenant functions: ops_worker only.
REVOKE EXECUTE ON FUNCTION ops.claim_notifications(integer, interval),
                           ops.wa_retention_purge_batch(integer, integer, integer),
                           ops.operations_snapshot() FROM ops_app;
REVOKE EXECUTE ON PROCEDURE ops.wa_retention_purge(integer, integer, integer) FROM ops_app;
GRANT EXECUTE ON FUNCTION ops.claim_notifications(integer, interval),
                          ops.wa_retention_purge_batch(integer, integer, integer),
                          ops.operations_snapshot() TO ops_worker;

-- ---------------------------------------------------------------------------------------------------------------
-- ops.tenants: a tenant sees its own row; the draft-expiry sweep (ops_worker) lists the ids, nothing else.
ALTER TABLE ops.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE ops.tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ops.tenants USING (id = ops.current_tenant_id()) WITH CHECK (id = ops.current_tenant_id());
CREATE POLICY maintenance_access ON ops.tenants TO ops_maintenance USING (true) WITH CHECK (true);
CREATE POLICY worker_lists_ids ON ops.tenants FOR SELECT TO ops_worker USING (true);
GRANT SELECT (id) ON ops.tenants TO ops_worker;

-- ---------------------------------------------------------------------------------------------------------------
-- auth: users and everything hanging off a user by tenant; roles and permissions are shared reference data that
-- the runtime only reads (a web request must not be able to give Dispatcher every permission).
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON auth.users USING (tenant_id = ops.current_tenant_id())
    WITH CHECK (tenant_id = ops.current_tenant_id());
CREATE POLICY maintenance_access ON auth.users TO ops_maintenance USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON auth.users TO ops_maintenance;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_roles', 'user_claims', 'user_logins', 'user_tokens']
    LOOP
        EXECUTE format('ALTER TABLE auth.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE auth.%I FORCE ROW LEVEL SECURITY', t);
        -- The subquery on auth.users is itself under that table's policy: only the tenant's own users exist.
        EXECUTE format('CREATE POLICY tenant_isolation ON auth.%I '
                       'USING (EXISTS (SELECT 1 FROM auth.users u WHERE u.id = user_id)) '
                       'WITH CHECK (EXISTS (SELECT 1 FROM auth.users u WHERE u.id = user_id))', t);
        EXECUTE format('CREATE POLICY maintenance_access ON auth.%I TO ops_maintenance USING (true) WITH CHECK (true)', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON auth.%I TO ops_maintenance', t);
    END LOOP;
END $$;

REVOKE INSERT, UPDATE, DELETE ON auth.roles, auth.role_claims, auth.permissions, auth.role_permissions FROM ops_app;
GRANT SELECT ON auth.roles, auth.role_claims, auth.permissions, auth.role_permissions TO ops_maintenance;

-- An email is unique within its tenant only: a console admin adding a user sees nothing of other tenants, so
-- another tenant's account with the same email must not make the insert fail (that would tell it exists).
DROP INDEX auth.ux_users_normalized_user_name;
CREATE UNIQUE INDEX ux_users_tenant_normalized_user_name ON auth.users (tenant_id, normalized_user_name);
CREATE INDEX ix_users_normalized_user_name ON auth.users (normalized_user_name);

-- Sign-in starts before any tenant is known: which accounts (tenant, id) carry this email. Nothing else leaves.
-- A scope that already works for a tenant sees only that tenant's account.
CREATE FUNCTION auth.sign_in_candidates(p_normalized_email text)
    RETURNS TABLE (tenant_id integer, user_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, auth
AS $$
    SELECT u.tenant_id, u.id FROM auth.users u
    WHERE u.normalized_email = p_normalized_email
      AND (ops.current_tenant_id() IS NULL OR u.tenant_id = ops.current_tenant_id())
    ORDER BY u.created_at, u.id
    LIMIT 5
$$;
ALTER FUNCTION auth.sign_in_candidates(text) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION auth.sign_in_candidates(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.sign_in_candidates(text) TO ops_app;

-- ---------------------------------------------------------------------------------------------------------------
-- The webhook's lookups before the tenant is known: unchanged for a scope without a tenant, only the scope's own
-- tenant for one that has one.
CREATE OR REPLACE FUNCTION ops.resolve_sender(p_wa_user_id text)
    RETURNS TABLE (tenant_id integer, identity_id uuid, user_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT i.tenant_id, i.id, i.user_id
    FROM ops.identities i
    WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE'
      AND (ops.current_tenant_id() IS NULL OR i.tenant_id = ops.current_tenant_id())
    LIMIT 1
$$;

CREATE OR REPLACE FUNCTION ops.find_driver_memberships(p_phone text)
    RETURNS TABLE (tenant_id integer, driver_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT d.tenant_id, d.id FROM ops.drivers d
    WHERE d.phone = p_phone AND d.is_active
      AND (ops.current_tenant_id() IS NULL OR d.tenant_id = ops.current_tenant_id())
    ORDER BY d.tenant_id
$$;

CREATE OR REPLACE FUNCTION ops.identify_sender(p_wa_user_id text)
    RETURNS TABLE (kind text, tenant_id integer, id uuid, user_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT s.kind, s.tenant_id, s.id, s.user_id
    FROM (
        (SELECT 0 AS ord, 'paired'::text AS kind, i.tenant_id, i.id, i.user_id
         FROM ops.identities i
         WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE'
           AND (ops.current_tenant_id() IS NULL OR i.tenant_id = ops.current_tenant_id())
         LIMIT 1)
        UNION ALL
        SELECT 1, 'driver'::text, d.tenant_id, d.id, NULL::uuid
        FROM ops.drivers d
        WHERE d.phone = p_wa_user_id AND d.is_active
          AND (ops.current_tenant_id() IS NULL OR d.tenant_id = ops.current_tenant_id())
    ) AS s
    ORDER BY s.ord, s.tenant_id
$$;

CREATE OR REPLACE FUNCTION ops.touch_driver_inbound(p_phone text, p_at timestamptz)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    touched integer;
BEGIN
    UPDATE ops.drivers SET last_inbound_at = p_at
    WHERE phone = p_phone AND is_active AND (last_inbound_at IS NULL OR last_inbound_at < p_at)
      AND (ops.current_tenant_id() IS NULL OR tenant_id = ops.current_tenant_id());
    GET DIAGNOSTICS touched = ROW_COUNT;
    RETURN touched;
END $$;

CREATE OR REPLACE FUNCTION ops.set_driver_subscription_by_phone(p_phone text, p_subscribed boolean, p_source text)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    membership record;
    changed integer := 0;
BEGIN
    IF p_source IS NULL OR length(btrim(p_source)) NOT BETWEEN 1 AND 40 THEN
        RAISE EXCEPTION 'source must be 1 to 40 characters' USING ERRCODE = '22023';
    END IF;
    FOR membership IN
        SELECT d.tenant_id, d.id FROM ops.drivers d
        WHERE d.phone = p_phone AND d.is_active
          AND (ops.current_tenant_id() IS NULL OR d.tenant_id = ops.current_tenant_id())
        ORDER BY d.tenant_id
    LOOP
        INSERT INTO ops.broadcast_subscriptions AS s (tenant_id, driver_id, is_subscribed, consent_source, consent_at, updated_at)
        VALUES (membership.tenant_id, membership.id, p_subscribed, p_source, now(), now())
        ON CONFLICT (tenant_id, driver_id) DO UPDATE
            SET is_subscribed = EXCLUDED.is_subscribed, consent_source = EXCLUDED.consent_source,
                consent_at = EXCLUDED.consent_at, updated_at = EXCLUDED.updated_at
            WHERE s.is_subscribed IS DISTINCT FROM EXCLUDED.is_subscribed;
        IF FOUND THEN
            INSERT INTO ops.events (tenant_id, event_type, payload, created_at)
            VALUES (membership.tenant_id, 'SUBSCRIPTION_CHANGED',
                    jsonb_build_object('driver_id', membership.id, 'subscribed', p_subscribed, 'source', p_source, 'by', NULL),
                    now());
            changed := changed + 1;
        END IF;
    END LOOP;
    RETURN changed;
END $$;

CREATE OR REPLACE FUNCTION ops.apply_delivery_status(p_provider_message_id text, p_status text, p_error text)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    changed integer;
BEGIN
    IF p_provider_message_id IS NULL OR p_status NOT IN ('sent', 'delivered', 'read', 'failed') THEN
        RETURN 0;
    END IF;

    UPDATE ops.notifications n
    SET status     = p_status,
        last_error = CASE WHEN p_status = 'failed' THEN left(COALESCE(p_error, 'failed'), 1000) ELSE n.last_error END,
        sent_at    = CASE WHEN p_status <> 'failed' THEN COALESCE(n.sent_at, now()) ELSE n.sent_at END,
        locked_until = NULL,
        updated_at = now()
    WHERE n.provider_message_id = p_provider_message_id
      AND (ops.current_tenant_id() IS NULL OR n.tenant_id = ops.current_tenant_id())
      AND CASE n.status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'failed' THEN 3
                        WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 ELSE 99 END
        < CASE p_status WHEN 'sent' THEN 2 WHEN 'failed' THEN 3 WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 END;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Ingest idempotency for the runtime. A byte-identical signed delivery is a duplicate whatever X-Request-Id says:
-- the hash of what was signed (timestamp and raw body) is a third unique key beside the idempotency key and the
-- message id. No tenant parameter: the key is recorded before any tenant is known, and the outcome takes the
-- scope's tenant. The runbook's ops.check_and_record_idempotency stays for operators (owner), not for ops_app.
ALTER TABLE ops.ingest_dedup ADD COLUMN content_hash text;
CREATE UNIQUE INDEX ux_ingest_dedup_content_hash ON ops.ingest_dedup (content_hash) WHERE content_hash IS NOT NULL;

CREATE FUNCTION ops.record_ingest_key(p_key text, p_wa_user_id text, p_message_id text, p_content_hash text)
    RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
BEGIN
    INSERT INTO ops.ingest_dedup (idempotency_key, message_id, wa_user_id, tenant_id, content_hash)
    VALUES (p_key, NULLIF(p_message_id, ''), p_wa_user_id, NULL, NULLIF(p_content_hash, ''))
    ON CONFLICT DO NOTHING;
    RETURN NOT FOUND;
END $$;

-- The first delivery's outcome, for a duplicate of the same sender: found by key, message id or content hash. A
-- scope with a tenant sees only its own tenant's outcomes.
CREATE FUNCTION ops.ingest_outcome_for(p_key text, p_message_id text, p_content_hash text, p_wa_user_id text)
    RETURNS TABLE (thread_id uuid, response jsonb) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT d.thread_id, d.response FROM ops.ingest_dedup d
    WHERE (d.idempotency_key = p_key
           OR (p_message_id IS NOT NULL AND d.message_id = p_message_id)
           OR (p_content_hash IS NOT NULL AND d.content_hash = p_content_hash))
      AND d.wa_user_id = p_wa_user_id
      AND (ops.current_tenant_id() IS NULL OR d.tenant_id = ops.current_tenant_id())
    ORDER BY d.id LIMIT 1
$$;

-- Only the transaction that recorded the key may store its outcome (the row version is its own), and the
-- tenant is the scope's: no caller can rewrite or move another delivery's row.
CREATE FUNCTION ops.store_ingest_outcome(p_key text, p_thread_id uuid, p_response jsonb)
    RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    UPDATE ops.ingest_dedup d SET tenant_id = ops.current_tenant_id(), thread_id = p_thread_id, response = p_response
    WHERE d.idempotency_key = p_key AND d.xmin = pg_current_xact_id()::xid
$$;

-- Sampled payloads belong to the scope's tenant (or to none).
CREATE FUNCTION ops.log_inbound_sample(p_channel text, p_wa_user_id text, p_payload text, p_ttl interval)
    RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    INSERT INTO ops.webhook_logs (tenant_id, channel, wa_user_id, payload, expires_at)
    VALUES (ops.current_tenant_id(), left(p_channel, 32), left(p_wa_user_id, 32), left(p_payload, 262144),
            now() + LEAST(GREATEST(p_ttl, interval '1 minute'), interval '30 days'))
$$;

ALTER FUNCTION ops.record_ingest_key(text, text, text, text) OWNER TO ops_maintenance;
ALTER FUNCTION ops.ingest_outcome_for(text, text, text, text) OWNER TO ops_maintenance;
ALTER FUNCTION ops.store_ingest_outcome(text, uuid, jsonb) OWNER TO ops_maintenance;
ALTER FUNCTION ops.log_inbound_sample(text, text, text, interval) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.record_ingest_key(text, text, text, text),
                       ops.ingest_outcome_for(text, text, text, text),
                       ops.store_ingest_outcome(text, uuid, jsonb),
                       ops.log_inbound_sample(text, text, text, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.record_ingest_key(text, text, text, text),
                          ops.ingest_outcome_for(text, text, text, text),
                          ops.store_ingest_outcome(text, uuid, jsonb),
                          ops.log_inbound_sample(text, text, text, interval) TO ops_app;

-- The old, tenant-taking forms: operators only.
REVOKE EXECUTE ON FUNCTION ops.check_and_record_idempotency(text, text, integer, text),
                           ops.check_and_record_idempotency(text, text, integer),
                           ops.ingest_outcome(text, text),
                           ops.record_ingest_outcome(text, integer, uuid, jsonb),
                           ops.log_inbound_payload(integer, text, text, text, interval) FROM ops_app;
