-- The W3C trace context (traceparent) of the request that queued a notification: the outbox worker sends it later,
-- on another host or after a restart, and continues that request's trace, so a webhook delivery and the reply it
-- queued show as one trace. NULL when tracing was off. Holds ids only (trace and span), never content.
ALTER TABLE ops.notifications ADD COLUMN trace_parent text
    CONSTRAINT ck_notifications_trace_parent_length CHECK (length(trace_parent) <= 128);
