-- Free-text search for the console (Audit, Conversations): the human text of an event, trigram-indexed.
--
-- ops.event_search_text is what a person would search an event for: what was written and replied, titles, plates, errors,
-- template keys, emails, masked numbers, "#<ticket number>", and the ids of the people it names (by, user_id,
-- driver_id), so a search for a name can find an event by the ids of the users and drivers of that name. Keys and
-- other ids stay out, so searching "body" or "12" does not match every event.
--
-- Under row-level security a non-leakproof operator such as ILIKE cannot be an index condition, so ops_app would
-- read every event of the table. ops.search_events therefore runs as ops_maintenance (which the policies let see
-- every row), filters to the caller's tenant itself, applies the page's other filters and returns only ids: the
-- newest p_limit matches, newest first. It plans
-- each call with its values (EXECUTE), so a rare text is looked up in the trigram index and a common one walks the
-- newest-first index until the limit.

CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE FUNCTION ops.event_search_text(payload jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(payload ->> 'body', '') || ' ' || coalesce(payload ->> 'text', '') || ' ' || coalesce(payload ->> 'reply', '')
        || ' ' || coalesce(payload ->> 'title', '') || ' ' || coalesce(payload ->> 'preview', '') || ' ' || coalesce(payload ->> 'error', '')
        || ' ' || coalesce(payload ->> 'vehicle_plate', '') || ' ' || coalesce(payload ->> 'template_key', '') || ' ' || coalesce(payload ->> 'email', '')
        || ' ' || coalesce(payload ->> 'wa_user_id', '') || ' ' || coalesce(payload -> 'commit_result' ->> 'reply', '')
        || ' ' || coalesce('#' || (payload ->> 'ticket_number'), '')
        || ' ' || coalesce(payload ->> 'by', '') || ' ' || coalesce(payload ->> 'user_id', '') || ' ' || coalesce(payload ->> 'driver_id', '')
$$;

CREATE INDEX ix_events_search_trgm ON ops.events USING gin (ops.event_search_text(payload) public.gin_trgm_ops);

CREATE FUNCTION ops.search_events(p_patterns text[], p_people_threads uuid[], p_event_types text[], p_thread uuid, p_draft text,
                                  p_from timestamptz, p_to timestamptz, p_limit integer)
    RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    tenant integer := ops.current_tenant_id();
BEGIN
    -- Fail closed like the policies: no tenant, no rows.
    IF tenant IS NULL OR p_limit IS NULL OR p_limit < 1 THEN
        RETURN;
    END IF;
    -- Matches the text, or happened in a conversation of a person the text names; then the page's other filters.
    RETURN QUERY EXECUTE
        'SELECT e.id FROM ops.events e WHERE e.tenant_id = $1'
        || ' AND (ops.event_search_text(e.payload) ILIKE ANY ($2) OR e.thread_id = ANY ($3))'
        || CASE WHEN p_event_types IS NULL THEN '' ELSE ' AND e.event_type = ANY ($4)' END
        || CASE WHEN p_thread IS NULL THEN '' ELSE ' AND e.thread_id = $5' END
        || CASE WHEN p_draft IS NULL THEN '' ELSE ' AND e.payload ? ''draft_id'' AND e.payload ->> ''draft_id'' = $6' END
        || CASE WHEN p_from IS NULL THEN '' ELSE ' AND e.created_at >= $7' END
        || CASE WHEN p_to IS NULL THEN '' ELSE ' AND e.created_at < $8' END
        || ' ORDER BY e.created_at DESC, e.id DESC LIMIT $9'
        USING tenant, coalesce(p_patterns, '{}'::text[]), coalesce(p_people_threads, '{}'::uuid[]), p_event_types, p_thread, p_draft,
              p_from, p_to, p_limit;
END $$;

ALTER FUNCTION ops.search_events(text[], uuid[], text[], uuid, text, timestamptz, timestamptz, integer) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.search_events(text[], uuid[], text[], uuid, text, timestamptz, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.search_events(text[], uuid[], text[], uuid, text, timestamptz, timestamptz, integer) TO ops_app;
