-- A redelivered message: the key is already recorded, so the transaction rolls back and the stored outcome is read
-- (IngestPipeline's duplicate path). The keys are recorded by the harness before the run.
\set phone :phone_base + random(1, :senders)
\set k random(1, :duplicate_keys)
BEGIN;
SELECT ops.check_and_record_idempotency('wamid.pgbench-dup-' || :k, :phone::text, NULL::integer, 'wamid.pgbench-dup-' || :k) AS duplicate \gset
ROLLBACK;
SELECT o.thread_id, o.response ->> 'reply' AS reply FROM ops.ingest_outcome('wamid.pgbench-dup-' || :k, 'wamid.pgbench-dup-' || :k) AS o;
