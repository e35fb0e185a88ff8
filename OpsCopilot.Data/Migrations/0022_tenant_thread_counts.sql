-- The Conversations list's pager says how many threads the tenant has. Counting them walks every thread of the
-- tenant (10,000 in the bench's big tenant: a sequential scan and a sort, since most pages of a table that every
-- message updates are not all-visible for an index-only scan). So the count is kept: one row per tenant, changed by
-- the transaction that inserts or deletes a thread, read with one lookup. A thread is inserted once per new sender
-- (the upsert's later messages update it and do not fire the insert trigger), so the row is written rarely; two
-- first messages of new senders in one tenant take turns on it until the first commits.
CREATE TABLE ops.tenant_thread_counts (
    tenant_id integer PRIMARY KEY REFERENCES ops.tenants (id),
    threads   bigint NOT NULL DEFAULT 0 CHECK (threads >= 0)
);

ALTER TABLE ops.tenant_thread_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE ops.tenant_thread_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ops.tenant_thread_counts USING (tenant_id = ops.current_tenant_id());
CREATE POLICY maintenance_access ON ops.tenant_thread_counts TO ops_maintenance USING (true) WITH CHECK (true);
-- The runtime reads its tenant's count; only the trigger (as ops_maintenance) writes it.
REVOKE ALL ON ops.tenant_thread_counts FROM ops_app;
GRANT SELECT ON ops.tenant_thread_counts TO ops_app;
GRANT SELECT, INSERT, UPDATE ON ops.tenant_thread_counts TO ops_maintenance;

CREATE FUNCTION ops.count_thread() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE ops.tenant_thread_counts SET threads = threads - 1 WHERE tenant_id = OLD.tenant_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ops.tenant_thread_counts AS c (tenant_id, threads) VALUES (NEW.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET threads = c.threads + 1;
    END IF;
    RETURN NULL;
END $$;
ALTER FUNCTION ops.count_thread() OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.count_thread() FROM PUBLIC;

-- No thread is inserted or deleted between the count below and the trigger taking over (a host of the previous
-- version may still be running while this migrates).
LOCK TABLE ops.threads IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER threads_count_insert_delete AFTER INSERT OR DELETE ON ops.threads
    FOR EACH ROW EXECUTE FUNCTION ops.count_thread();
CREATE TRIGGER threads_count_move AFTER UPDATE OF tenant_id ON ops.threads
    FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) EXECUTE FUNCTION ops.count_thread();

INSERT INTO ops.tenant_thread_counts (tenant_id, threads)
SELECT tenant_id, count(*) FROM ops.threads GROUP BY tenant_id;
