-- Ingest: the narrow cross-tenant functions the webhook needs before it knows the sender's tenant, retention of
-- the dedup keys and sampled payloads, the operator's unblock, and delivery receipts from the WhatsApp Cloud API.
-- Every function is SECURITY DEFINER, owned by ops_maintenance (whose policies see every tenant), with a fixed
-- search_path, and executable by the runtime role only where the application needs it.

-- The tenant, identity and console user an ACTIVE pairing gives this number; no row means unpaired
-- (revoked identities are treated as unpaired).
CREATE FUNCTION ops.resolve_sender(p_wa_user_id text)
    RETURNS TABLE (tenant_id integer, identity_id uuid, user_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT i.tenant_id, i.id, i.user_id
    FROM ops.identities i
    WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE'
    LIMIT 1
$$;

-- Every tenant in which this number is an active driver (STOP / START work without pairing).
CREATE FUNCTION ops.find_driver_memberships(p_phone text)
    RETURNS TABLE (tenant_id integer, driver_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT d.tenant_id, d.id FROM ops.drivers d
    WHERE d.phone = p_phone AND d.is_active
    ORDER BY d.tenant_id
$$;

-- An inbound message opens the driver's 24-hour window for free text in every tenant that knows the number.
CREATE FUNCTION ops.touch_driver_inbound(p_phone text, p_at timestamptz)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    touched integer;
BEGIN
    UPDATE ops.drivers SET last_inbound_at = p_at
    WHERE phone = p_phone AND is_active AND (last_inbound_at IS NULL OR last_inbound_at < p_at);
    GET DIAGNOSTICS touched = ROW_COUNT;
    RETURN touched;
END $$;

-- A sampled inbound payload. The caller masks it; the size cap keeps a misconfigured sampler from filling the disk.
CREATE FUNCTION ops.log_inbound_payload(p_tenant_id integer, p_channel text, p_wa_user_id text, p_payload text, p_ttl interval)
    RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    INSERT INTO ops.webhook_logs (tenant_id, channel, wa_user_id, payload, expires_at)
    VALUES (p_tenant_id, left(p_channel, 32), left(p_wa_user_id, 32), left(p_payload, 262144),
            now() + LEAST(GREATEST(p_ttl, interval '1 minute'), interval '30 days'))
$$;

-- Retention of ingest keys and payload samples lives with the rest of retention (0006: ops.wa_retention_purge).

-- The second runbook's manual cleanup ("unblock idempotency on a specific message"), for every tenant: deletes the
-- dedup row(s) of that message id (or idempotency key) so the next delivery is processed again, and leaves an
-- IDEMPOTENCY_UNBLOCKED event in each tenant it touched. Operators only: the runtime role is not granted it
-- (the console unblocks within its own tenant, under row-level security).
CREATE FUNCTION ops.unblock_message(p_message_id text)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    unblocked integer;
BEGIN
    WITH gone AS (
        DELETE FROM ops.ingest_dedup d
        WHERE d.message_id = p_message_id OR d.idempotency_key = p_message_id
        RETURNING d.tenant_id, d.thread_id, d.idempotency_key
    ), audited AS (
        INSERT INTO ops.events (tenant_id, thread_id, event_type, payload)
        SELECT g.tenant_id,
               (SELECT t.id FROM ops.threads t WHERE t.id = g.thread_id),
               'IDEMPOTENCY_UNBLOCKED',
               jsonb_build_object('message_id', p_message_id, 'idempotency_key', g.idempotency_key,
                                  'source', 'operator', 'by', session_user)
        FROM gone g
        WHERE g.tenant_id IS NOT NULL
        RETURNING 1
    )
    SELECT count(*) INTO unblocked FROM gone;
    RETURN unblocked;
END $$;

-- WhatsApp Cloud API delivery receipts. Notifications of every tenant are matched by the provider's message id, and
-- the status only moves forward: sent < failed < delivered < read (a receipt proving delivery outranks a failure;
-- Meta does not guarantee the order of its callbacks). 'dead' is the outbox's final word and never changes here.
CREATE FUNCTION ops.apply_delivery_status(p_provider_message_id text, p_status text, p_error text)
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
      AND CASE n.status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'failed' THEN 3
                        WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 ELSE 99 END
        < CASE p_status WHEN 'sent' THEN 2 WHEN 'failed' THEN 3 WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 END;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END $$;

ALTER FUNCTION ops.resolve_sender(text) OWNER TO ops_maintenance;
ALTER FUNCTION ops.find_driver_memberships(text) OWNER TO ops_maintenance;
ALTER FUNCTION ops.touch_driver_inbound(text, timestamptz) OWNER TO ops_maintenance;
ALTER FUNCTION ops.log_inbound_payload(integer, text, text, text, interval) OWNER TO ops_maintenance;
ALTER FUNCTION ops.unblock_message(text) OWNER TO ops_maintenance;
ALTER FUNCTION ops.apply_delivery_status(text, text, text) OWNER TO ops_maintenance;

REVOKE ALL ON FUNCTION ops.resolve_sender(text),
                       ops.find_driver_memberships(text),
                       ops.touch_driver_inbound(text, timestamptz),
                       ops.log_inbound_payload(integer, text, text, text, interval),
                       ops.unblock_message(text),
                       ops.apply_delivery_status(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.resolve_sender(text),
                          ops.find_driver_memberships(text),
                          ops.touch_driver_inbound(text, timestamptz),
                          ops.log_inbound_payload(integer, text, text, text, interval),
                          ops.apply_delivery_status(text, text, text) TO ops_app;
