-- The console's WhatsApp simulator speaks as a number only if that tells its admin nothing about other tenants
-- (issue 11, finding 7). It may use the tenant's own paired phones and active drivers, and the tenant's simulator
-- numbers (999 + the tenant id in six digits + three to six digits: country code 999 is unassigned, so these are
-- no one's real phone) — but not if the number also acts elsewhere (its message would reach another tenant).
-- For any number that is not the tenant's own the answer is false without looking further, so the function is no
-- oracle for other tenants' numbers.
CREATE FUNCTION ops.simulator_may_speak_as(p_phone text)
    RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
    SELECT CASE
        WHEN ops.current_tenant_id() IS NULL THEN false
        WHEN NOT (
               EXISTS (SELECT 1 FROM ops.identities i
                       WHERE i.wa_user_id = p_phone AND i.status = 'ACTIVE' AND i.tenant_id = ops.current_tenant_id())
            OR EXISTS (SELECT 1 FROM ops.drivers d
                       WHERE d.phone = p_phone AND d.is_active AND d.tenant_id = ops.current_tenant_id())
            OR p_phone ~ ('^999' || lpad(ops.current_tenant_id()::text, 6, '0') || '[0-9]{3,6}$'))
        THEN false
        ELSE NOT EXISTS (SELECT 1 FROM ops.identities i
                         WHERE i.wa_user_id = p_phone AND i.status = 'ACTIVE' AND i.tenant_id <> ops.current_tenant_id())
         AND NOT EXISTS (SELECT 1 FROM ops.drivers d
                         WHERE d.phone = p_phone AND d.is_active AND d.tenant_id <> ops.current_tenant_id())
    END
$$;

ALTER FUNCTION ops.simulator_may_speak_as(text) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.simulator_may_speak_as(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.simulator_may_speak_as(text) TO ops_app;
