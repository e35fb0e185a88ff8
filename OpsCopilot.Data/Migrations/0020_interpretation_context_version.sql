-- Message understanding reads the tenant's time zone, active drivers and broadcast templates for nearly every
-- message. The host keeps one snapshot of them per tenant (InterpretationContextSnapshots) and must never read a
-- message with an older one than the database holds: a driver added a moment ago is recognised by the very next
-- message. So every change that could alter the context bumps ops.tenants.context_version in the same transaction;
-- the ingest path reads the version in a statement it makes anyway (the thread upsert) and uses a snapshot only
-- when its version is that one. The bump is also announced on ops_changes, so every host drops the stale snapshot
-- at once instead of holding it until that tenant's next message.

ALTER TABLE ops.tenants ADD COLUMN context_version bigint NOT NULL DEFAULT 0;

-- Drivers and templates: once per tenant and transaction (an import of a thousand drivers updates the tenant row
-- once; the transaction-local setting is undone with a rolled-back savepoint, like the update). SECURITY DEFINER
-- because ops_app may read its tenant row but not write it.
CREATE FUNCTION ops.bump_context_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
AS $$
DECLARE
    tenants integer[];
    tenant integer;
    version bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        tenants := ARRAY[NEW.tenant_id];
    ELSIF TG_OP = 'DELETE' THEN
        tenants := ARRAY[OLD.tenant_id];
    ELSIF OLD.tenant_id = NEW.tenant_id THEN
        tenants := ARRAY[NEW.tenant_id];
    ELSE
        tenants := ARRAY[OLD.tenant_id, NEW.tenant_id];
    END IF;
    FOREACH tenant IN ARRAY tenants
    LOOP
        CONTINUE WHEN current_setting('ops_context.bumped_' || tenant, true) = '1';
        UPDATE ops.tenants SET context_version = context_version + 1 WHERE id = tenant RETURNING context_version INTO version;
        PERFORM set_config('ops_context.bumped_' || tenant, '1', true);
        PERFORM pg_notify('ops_changes', json_build_object(
            'tenant_id', tenant, 'entity', 'interpretation_context', 'id', version, 'status', NULL)::text);
    END LOOP;
    RETURN NULL;
END $$;
ALTER FUNCTION ops.bump_context_version() OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.bump_context_version() FROM PUBLIC;

CREATE TRIGGER drivers_bump_context_version
    AFTER INSERT OR DELETE OR UPDATE OF full_name, is_active, tenant_id ON ops.drivers
    FOR EACH ROW EXECUTE FUNCTION ops.bump_context_version();

CREATE TRIGGER broadcast_templates_bump_context_version
    AFTER INSERT OR DELETE OR UPDATE OF template_key, expected_params, synonyms, tenant_id ON ops.broadcast_templates
    FOR EACH ROW EXECUTE FUNCTION ops.bump_context_version();

-- The time zone lives on the tenant row itself: bumped in the same update.
CREATE FUNCTION ops.bump_context_version_on_timezone() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog
AS $$
BEGIN
    NEW.context_version := OLD.context_version + 1;
    PERFORM pg_notify('ops_changes', json_build_object(
        'tenant_id', NEW.id, 'entity', 'interpretation_context', 'id', NEW.context_version, 'status', NULL)::text);
    RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION ops.bump_context_version_on_timezone() FROM PUBLIC;

CREATE TRIGGER tenants_bump_context_version BEFORE UPDATE OF timezone ON ops.tenants
    FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION ops.bump_context_version_on_timezone();
