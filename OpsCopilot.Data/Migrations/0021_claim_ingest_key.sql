-- A delivery's first statement in its transaction, in one round trip whichever way it goes: it records the key, the
-- message id and the hash of the signed content (the unique indexes decide which delivery is first, and a rollback
-- releases them), or — when any of them is recorded already, i.e. a duplicate — answers with the first delivery's
-- outcome. Before, a duplicate took two more round trips after its rollback (reopening the connection and
-- ops.ingest_outcome_for; docs/benchmarks.md). ON CONFLICT waits for a first delivery still in flight, and the outcome
-- is read by a statement of its own, with a snapshot taken after that wait, so it sees the committed outcome.
CREATE FUNCTION ops.claim_ingest_key(p_key text, p_wa_user_id text, p_message_id text, p_content_hash text)
    RETURNS TABLE (duplicate boolean, thread_id uuid, reply text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
BEGIN
    INSERT INTO ops.ingest_dedup (idempotency_key, message_id, wa_user_id, tenant_id, content_hash)
    VALUES (p_key, NULLIF(p_message_id, ''), p_wa_user_id, NULL, NULLIF(p_content_hash, ''))
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
        RETURN QUERY SELECT false, NULL::uuid, NULL::text;
    ELSE
        -- The same sender's outcome only, and the scope's tenant's (ops.ingest_outcome_for); one row even if none.
        RETURN QUERY
            SELECT true, o.thread_id, o.response ->> 'reply'
            FROM (SELECT) AS one
            LEFT JOIN ops.ingest_outcome_for(p_key, p_message_id, p_content_hash, p_wa_user_id) AS o ON true;
    END IF;
END $$;

ALTER FUNCTION ops.claim_ingest_key(text, text, text, text) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.claim_ingest_key(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.claim_ingest_key(text, text, text, text) TO ops_app;

-- The key-only form stays for operators; the runtime no longer calls it.
REVOKE EXECUTE ON FUNCTION ops.record_ingest_key(text, text, text, text) FROM ops_app;
