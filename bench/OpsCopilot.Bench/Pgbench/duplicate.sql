-- A redelivered message: the key is already recorded, so the claim answers with the stored outcome and the
-- transaction rolls back (IngestPipeline's duplicate path). The keys are recorded by the harness before the run, for
-- sender 1, and a redelivery comes from the sender that first sent the message.
\set k random(1, :duplicate_keys)
\set first_sender :phone_base + 1
BEGIN;
SELECT c.duplicate, c.thread_id, c.reply FROM ops.claim_ingest_key('wamid.pgbench-dup-' || :k, :first_sender::text, 'wamid.pgbench-dup-' || :k, NULL::text) AS c;
ROLLBACK;
