-- STOP / START from a driver's phone speaks for every company that has the number as an active driver. The
-- message's transaction belongs to no tenant (the sender is not a paired dispatcher), so one SECURITY DEFINER
-- function makes the change in each tenant and writes each tenant's own SUBSCRIPTION_CHANGED event, atomically
-- with the rest of the message. Unchanged subscriptions write nothing, so a repeated STOP is harmless.

CREATE FUNCTION ops.set_driver_subscription_by_phone(p_phone text, p_subscribed boolean, p_source text)
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
        SELECT d.tenant_id, d.id FROM ops.drivers d WHERE d.phone = p_phone AND d.is_active ORDER BY d.tenant_id
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

ALTER FUNCTION ops.set_driver_subscription_by_phone(text, boolean, text) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.set_driver_subscription_by_phone(text, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.set_driver_subscription_by_phone(text, boolean, text) TO ops_app;
