-- Live change feed: every new or changed draft and ticket, and every new notification or status change of
-- one, is announced on the channel ops_changes when its transaction commits, so every host instance's console
-- updates without polling (a rolled-back change announces nothing). The payload carries ids and the status
-- only, never content: a listener sees every tenant's announcements and keeps those of its own tenant.

CREATE FUNCTION ops.announce_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM pg_notify('ops_changes', json_build_object(
        'tenant_id', NEW.tenant_id, 'entity', TG_ARGV[0], 'id', NEW.id, 'status', NEW.status)::text);
    RETURN NULL;
END $$;

CREATE TRIGGER drafts_announce_change AFTER INSERT OR UPDATE ON ops.drafts
    FOR EACH ROW EXECUTE FUNCTION ops.announce_change('draft');

CREATE TRIGGER tickets_announce_change AFTER INSERT OR UPDATE ON ops.tickets
    FOR EACH ROW EXECUTE FUNCTION ops.announce_change('ticket');

-- The outbox worker touches rows while it claims and retries them; only a new status is news.
CREATE TRIGGER notifications_announce_insert AFTER INSERT ON ops.notifications
    FOR EACH ROW EXECUTE FUNCTION ops.announce_change('notification');
CREATE TRIGGER notifications_announce_status AFTER UPDATE OF status ON ops.notifications
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION ops.announce_change('notification');
