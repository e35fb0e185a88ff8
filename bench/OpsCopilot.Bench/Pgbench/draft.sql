-- One processed ticket request: the help message's writes plus the draft and its DRAFT_CREATED event
-- (DraftService.CreateAsync), in the same order and transaction as the host.
\set phone :phone_base + random(1, :senders)
\set plate random(1000, 9999)
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
        jsonb_build_object('message_id', :msg_key::text, 'wa_user_id', '4366******01', 'body', 'LKW W-' || :plate || ' hat Bremsenproblem', 'channel', 'gateway'),
        now()) RETURNING id;
INSERT INTO ops.drafts (id, tenant_id, thread_id, action_type, payload, preview, status, expires_at, created_by, created_at, updated_at)
VALUES (gen_random_uuid(), :tenant::integer, :thread_id::uuid, 'CREATE_TICKET',
        jsonb_build_object('title', 'Bremsenproblem LKW W-' || :plate, 'description', 'LKW W-' || :plate || ' hat Bremsenproblem', 'vehicle_plate', 'W-' || :plate),
        'Create ticket: ''Bremsenproblem LKW W-' || :plate || '''? Reply CONFIRM or CANCEL', 'PENDING_CONFIRM',
        now() + interval '30 minutes', :user_id::uuid, now(), now())
RETURNING id AS draft_id \gset
INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
VALUES (:tenant::integer, :thread_id::uuid, 'DRAFT_CREATED',
        jsonb_build_object('draft_id', :draft_id::uuid, 'action_type', 'CREATE_TICKET', 'preview', 'Create ticket: ''Bremsenproblem LKW W-' || :plate || '''? Reply CONFIRM or CANCEL'),
        now()) RETURNING id;
INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
VALUES (:tenant::integer, :thread_id::uuid, 'MESSAGE_OUT',
        jsonb_build_object('reply', 'Create ticket: ''Bremsenproblem LKW W-' || :plate || '''? Reply CONFIRM or CANCEL', 'in_reply_to', :msg_key::text, 'channel', 'gateway'),
        now()) RETURNING id;
SELECT ops.store_ingest_outcome(:msg_key::text, :thread_id::uuid,
        jsonb_build_object('reply', 'Create ticket: ''Bremsenproblem LKW W-' || :plate || '''? Reply CONFIRM or CANCEL'));
COMMIT;
