-- A redelivered message: the key is already recorded, so the transaction rolls back and the stored outcome is read
-- (IngestPipeline's duplicate path). The keys are recorded by the harness before the run.
\set phone :phone_base + random(1, :senders)
\set k random(1, :duplicate_keys)
-- The stored outcome is answered to the sender that first sent the message (the harness recorded sender 1).
\set first_sender :phone_base + 1
BEGIN;
SELECT ops.record_ingest_key('wamid.pgbench-dup-' || :k, :phone::text, 'wamid.pgbench-dup-' || :k, NULL::text) AS duplicate \gset
ROLLBACK;
SELECT o.thread_id, o.response ->> 'reply' AS reply FROM ops.ingest_outcome_for('wamid.pgbench-dup-' || :k, 'wamid.pgbench-dup-' || :k, NULL::text, :first_sender::text) AS o;
