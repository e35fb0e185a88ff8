-- The ingest path's sender lookup in one round trip (docs/benchmarks.md): whether the number is ACTIVE-paired and
-- in which tenants it is an active driver, before any tenant is known. The same rows resolve_sender and
-- find_driver_memberships return (both stay: the pairing path and the runbooks use them), tagged by kind: at most
-- one 'paired' row first, then the 'driver' rows by tenant.
CREATE FUNCTION ops.identify_sender(p_wa_user_id text)
    RETURNS TABLE (kind text, tenant_id integer, id uuid, user_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT s.kind, s.tenant_id, s.id, s.user_id
    FROM (
        (SELECT 0 AS ord, 'paired'::text AS kind, i.tenant_id, i.id, i.user_id
         FROM ops.identities i
         WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE'
         LIMIT 1)
        UNION ALL
        SELECT 1, 'driver'::text, d.tenant_id, d.id, NULL::uuid
        FROM ops.drivers d
        WHERE d.phone = p_wa_user_id AND d.is_active
    ) AS s
    ORDER BY s.ord, s.tenant_id
$$;

ALTER FUNCTION ops.identify_sender(text) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.identify_sender(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.identify_sender(text) TO ops_app;
