-- Indexes for the console's unfiltered, newest-first grids, so a page is an index range scan however many rows a
-- tenant has: draft history (all statuses), the outbox (all statuses) and conversations by last inbound message.
-- The status-filtered views already use ix_drafts_tenant_status_created and ix_notifications_tenant_status.

CREATE INDEX ix_drafts_tenant_created ON ops.drafts (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_notifications_tenant_created ON ops.notifications (tenant_id, created_at DESC, id);
CREATE INDEX ix_threads_tenant_last_inbound ON ops.threads (tenant_id, last_inbound_at DESC, id);
