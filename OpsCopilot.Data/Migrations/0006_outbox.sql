-- The notification outbox in operation: claiming due rows across tenants, lease-guarded completion,
-- the runbook's drain, delivery status callbacks, retention, and the counts behind the metrics.
--
-- Who may do what:
--   * claiming, delivery status, retention and the metrics snapshot must look across tenants, so they are
--     SECURITY DEFINER functions owned by ops_maintenance, each doing one narrow thing;
--   * completing, failing and draining run as the caller (SECURITY INVOKER): the worker calls them with the
--     row's tenant set, so row-level security still decides which rows they can touch, and an operator's
--     psql (a member of ops_maintenance) sees every tenant.

-- Hand edits (the runbook's drain UPDATE) keep updated_at truthful too.
CREATE FUNCTION ops.notifications_touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;

CREATE TRIGGER notifications_touch_updated_at BEFORE UPDATE ON ops.notifications
    FOR EACH ROW EXECUTE FUNCTION ops.notifications_touch_updated_at();

-- Due rows: queued and due, or still 'sending' after their lease ran out (the worker died between claim and
-- mark). SKIP LOCKED lets several hosts claim at once without waiting on or overlapping each other. The new
-- locked_until is the lease: only the holder of exactly that value may complete or fail the row, so a worker
-- that wakes up late cannot overwrite the outcome of the worker that took over.
-- MATERIALIZED keeps the locking subquery from being re-evaluated per row of the UPDATE.
CREATE FUNCTION ops.claim_notifications(p_batch integer, p_lease interval)
    RETURNS SETOF ops.notifications
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    WITH due AS MATERIALIZED (
        SELECT id FROM ops.notifications
        WHERE (status = 'queued' AND next_attempt_at <= now())
           OR (status = 'sending' AND locked_until < now())
        ORDER BY next_attempt_at
        LIMIT greatest(p_batch, 0)
        FOR UPDATE SKIP LOCKED
    )
    UPDATE ops.notifications n
    SET status = 'sending', locked_until = now() + p_lease
    FROM due
    WHERE n.id = due.id
    RETURNING n.*
$$;

-- The provider accepted the message. FALSE: the lease is no longer ours (expired and re-claimed).
CREATE FUNCTION ops.complete_notification(p_id uuid, p_lease timestamptz, p_provider_message_id text)
    RETURNS boolean
    LANGUAGE sql VOLATILE SET search_path = pg_catalog, ops
AS $$
    WITH done AS (
        UPDATE ops.notifications
        SET status = 'sent', provider_message_id = p_provider_message_id, sent_at = now(),
            locked_until = NULL, last_error = NULL
        WHERE id = p_id AND status = 'sending' AND locked_until = p_lease
        RETURNING 1
    )
    SELECT count(*) = 1 FROM done
$$;

-- A failed attempt, or a claimed row handed back unsent (p_count_attempt false, p_error NULL keeps the
-- previous error). p_status: 'queued' (retry at now() + p_retry_in), 'failed' (waits for an operator's
-- drain) or 'dead' (gave up). Same lease guard as completion.
CREATE FUNCTION ops.fail_notification(p_id uuid, p_lease timestamptz, p_status text, p_error text,
                                      p_retry_in interval, p_count_attempt boolean)
    RETURNS boolean
    LANGUAGE sql VOLATILE SET search_path = pg_catalog, ops
AS $$
    WITH done AS (
        UPDATE ops.notifications
        SET status = p_status,
            retry_count = retry_count + CASE WHEN p_count_attempt THEN 1 ELSE 0 END,
            next_attempt_at = now() + coalesce(p_retry_in, interval '0'),
            locked_until = NULL,
            last_error = coalesce(left(p_error, 2000), last_error)
        WHERE id = p_id AND status = 'sending' AND locked_until = p_lease
          AND p_status IN ('queued', 'failed', 'dead')
        RETURNING 1
    )
    SELECT count(*) = 1 FROM done
$$;

-- The second runbook's drain, for one tenant or (NULL) every tenant the caller can see.
CREATE FUNCTION ops.drain_failed_notifications(p_tenant_id integer)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, ops
AS $$
DECLARE
    drained integer;
BEGIN
    UPDATE ops.notifications
    SET status = 'queued',
        next_attempt_at = now(),
        retry_count = greatest(retry_count, 0)
    WHERE status = 'failed' AND (p_tenant_id IS NULL OR tenant_id = p_tenant_id);
    GET DIAGNOSTICS drained = ROW_COUNT;
    RETURN drained;
END $$;

-- Provider status callbacks go through ops.apply_delivery_status (migration 0005): forward only, for both channels.

-- One bounded batch of retention across tenants: ingest dedup keys older than p_dedup_days, webhook logs past
-- their expires_at, and notifications that reached the provider (sent/delivered/read) older than
-- p_notification_days. Failed and dead rows stay for operators. At least one day is always kept, so a
-- caller cannot wipe fresh dedup keys and let replays through.
CREATE FUNCTION ops.wa_retention_purge_batch(p_dedup_days integer, p_notification_days integer, p_batch integer)
    RETURNS TABLE (dedup_purged integer, webhook_logs_purged integer, notifications_purged integer)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    batch constant integer := least(greatest(coalesce(p_batch, 5000), 1), 100000);
BEGIN
    WITH doomed AS (
        SELECT id FROM ops.ingest_dedup
        WHERE created_at < now() - make_interval(days => greatest(coalesce(p_dedup_days, 7), 1))
        ORDER BY created_at LIMIT batch FOR UPDATE SKIP LOCKED
    )
    DELETE FROM ops.ingest_dedup d USING doomed WHERE d.id = doomed.id;
    GET DIAGNOSTICS dedup_purged = ROW_COUNT;

    WITH doomed AS (
        SELECT id FROM ops.webhook_logs
        WHERE expires_at < now()
        ORDER BY expires_at LIMIT batch FOR UPDATE SKIP LOCKED
    )
    DELETE FROM ops.webhook_logs l USING doomed WHERE l.id = doomed.id;
    GET DIAGNOSTICS webhook_logs_purged = ROW_COUNT;

    WITH doomed AS (
        SELECT id FROM ops.notifications
        WHERE status IN ('sent', 'delivered', 'read')
          AND created_at < now() - make_interval(days => greatest(coalesce(p_notification_days, 30), 1))
        ORDER BY created_at LIMIT batch FOR UPDATE SKIP LOCKED
    )
    DELETE FROM ops.notifications n USING doomed WHERE n.id = doomed.id;
    GET DIAGNOSTICS notifications_purged = ROW_COUNT;

    RETURN NEXT;
END $$;

-- `call ops.wa_retention_purge();` from psql: every batch until nothing is left, committing between batches
-- so locks stay short. The advisory lock is the one the host's retention takes, so an operator's call and
-- the hosts never purge at the same time. No SET clause: PostgreSQL forbids COMMIT in procedures that have
-- one, so every name is schema-qualified instead.
CREATE PROCEDURE ops.wa_retention_purge(p_dedup_days integer DEFAULT 7, p_notification_days integer DEFAULT 30,
                                        p_batch integer DEFAULT 5000)
    LANGUAGE plpgsql
AS $$
DECLARE
    lock_key constant bigint := 7946001;
    batch constant integer := least(greatest(coalesce(p_batch, 5000), 1), 100000);
    r record;
    dedup bigint := 0;
    logs bigint := 0;
    notifications bigint := 0;
BEGIN
    IF NOT pg_catalog.pg_try_advisory_lock(lock_key) THEN
        RAISE NOTICE 'retention is already running in another session; nothing done';
        RETURN;
    END IF;
    LOOP
        SELECT * INTO r FROM ops.wa_retention_purge_batch(p_dedup_days, p_notification_days, batch);
        dedup := dedup + r.dedup_purged;
        logs := logs + r.webhook_logs_purged;
        notifications := notifications + r.notifications_purged;
        COMMIT;
        EXIT WHEN r.dedup_purged < batch AND r.webhook_logs_purged < batch AND r.notifications_purged < batch;
    END LOOP;
    PERFORM pg_catalog.pg_advisory_unlock(lock_key);
    RAISE NOTICE 'RETENTION_WA_EVENTS_PURGED count=%', dedup;
    RAISE NOTICE 'RETENTION_WEBHOOK_LOGS_PURGED count=%', logs;
    RAISE NOTICE 'RETENTION_NOTIFICATIONS_PURGED count=%', notifications;
END $$;

-- Counts by status across tenants for the metrics gauges (outbox depth, drafts).
CREATE FUNCTION ops.operations_snapshot()
    RETURNS TABLE (metric text, status text, count bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT 'notifications', n.status, count(*) FROM ops.notifications n GROUP BY n.status
    UNION ALL
    SELECT 'drafts', d.status, count(*) FROM ops.drafts d GROUP BY d.status
$$;

ALTER FUNCTION ops.claim_notifications(integer, interval) OWNER TO ops_maintenance;
ALTER FUNCTION ops.wa_retention_purge_batch(integer, integer, integer) OWNER TO ops_maintenance;
ALTER FUNCTION ops.operations_snapshot() OWNER TO ops_maintenance;

REVOKE ALL ON FUNCTION ops.claim_notifications(integer, interval),
                       ops.complete_notification(uuid, timestamptz, text),
                       ops.fail_notification(uuid, timestamptz, text, text, interval, boolean),
                       ops.drain_failed_notifications(integer),
                       ops.wa_retention_purge_batch(integer, integer, integer),
                       ops.operations_snapshot() FROM PUBLIC;
REVOKE ALL ON PROCEDURE ops.wa_retention_purge(integer, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.claim_notifications(integer, interval),
                          ops.complete_notification(uuid, timestamptz, text),
                          ops.fail_notification(uuid, timestamptz, text, text, interval, boolean),
                          ops.drain_failed_notifications(integer),
                          ops.wa_retention_purge_batch(integer, integer, integer),
                          ops.operations_snapshot() TO ops_app;
GRANT EXECUTE ON PROCEDURE ops.wa_retention_purge(integer, integer, integer) TO ops_app;
