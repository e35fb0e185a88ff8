-- One processed message answered with the help text: the writes IngestPipeline + ConversationService make in the
-- message's transaction, as the runtime role under row-level security (tenant from PGOPTIONS), and nothing else.
-- The reads the host adds (sender lookup, driver memberships, the interpretation context) are deliberately left
-- out: they are part of what the ratio measures.
\set phone :phone_base + random(1, :senders)
BEGIN;
SELECT fresh.k AS msg_key, claim.duplicate
  FROM (SELECT 'wamid.pgbench-' || gen_random_uuid()::text AS k) AS fresh, ops.claim_ingest_key(fresh.k, :phone::text, fresh.k, NULL::text) AS claim \gset
-- The host knows the identity from resolving the sender; here one write finds it (by the same unique index).
UPDATE ops.identities SET last_seen_at = now() WHERE wa_user_id = :phone::text AND status = 'ACTIVE'
RETURNING id AS identity_id, user_id \gset
INSERT INTO ops.threads AS t (id, tenant_id, wa_user_id, identity_id, last_inbound_at, created_at, updated_at)
VALUES (gen_random_uuid(), :tenant::integer, :phone::text, :identity_id::uuid, now(), now(), now())
ON CONFLICT (tenant_id, wa_user_id) DO UPDATE
    SET identity_id = EXCLUDED.identity_id,
        last_inbound_at = GREATEST(t.last_inbound_at, EXCLUDED.last_inbound_at),
        updated_at = EXCLUDED.updated_at
RETURNING t.id AS thread_id \gset
INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
VALUES (:tenant::integer, :thread_id::uuid, 'MESSAGE_IN',
        jsonb_build_object('message_id', :msg_key::text, 'wa_user_id', '4366******01', 'body', 'Hallo, wer hat heute Spätdienst?', 'channel', 'gateway'),
        now()) RETURNING id;
INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
VALUES (:tenant::integer, :thread_id::uuid, 'MESSAGE_OUT',
        jsonb_build_object('reply', 'Ops Copilot - what you can send:
- a vehicle problem, e.g. "LKW W-1234 hat Bremsenproblem" (creates a ticket draft)
- a driver message, e.g. "Schichterinnerung an Max Mustermann für morgen 06:00"
- "Status Ticket #12" for a ticket''s status
- CONFIRM or CANCEL for your latest draft
- HELP for this message', 'in_reply_to', :msg_key::text, 'channel', 'gateway'),
        now()) RETURNING id;
SELECT ops.store_ingest_outcome(:msg_key::text, :thread_id::uuid,
        jsonb_build_object('reply', 'Ops Copilot - what you can send: (the help text)'));
COMMIT;
