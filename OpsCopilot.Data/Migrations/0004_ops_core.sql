-- Ops core: the pairing claim (decided by the database, attempt-limited) and per-tenant ticket numbers.

-- The whole claim in one statement's transaction: find the live invite by code hash, check limits, bind the
-- number. Runs as ops_maintenance because the tenant is only known once the code matches.
CREATE FUNCTION ops.claim_pairing_code(
    p_otp_hash text, p_wa_user_id text,
    p_max_failed_per_number integer, p_failed_window interval, p_max_failed_global integer)
    RETURNS TABLE (outcome text, tenant_id integer, identity_id uuid, user_id uuid)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    invite ops.pairing_invites%ROWTYPE;
    new_identity uuid;
    failed_here integer;
    failed_everywhere integer;
    known_code boolean;
BEGIN
    -- Serialise claims per number so the attempt limit cannot be raced.
    PERFORM pg_advisory_xact_lock(hashtext('ops.pairing:' || p_wa_user_id));

    SELECT count(*) INTO failed_here FROM ops.pairing_attempts a
    WHERE a.wa_user_id = p_wa_user_id AND NOT a.succeeded AND a.attempted_at > now() - p_failed_window;
    SELECT count(*) INTO failed_everywhere FROM ops.pairing_attempts a
    WHERE NOT a.succeeded AND a.attempted_at > now() - interval '1 minute';
    IF failed_here >= p_max_failed_per_number OR failed_everywhere >= p_max_failed_global THEN
        INSERT INTO ops.pairing_attempts (wa_user_id, succeeded) VALUES (p_wa_user_id, false);
        RETURN QUERY SELECT 'rate_limited'::text, NULL::integer, NULL::uuid, NULL::uuid;
        RETURN;
    END IF;

    IF EXISTS (SELECT 1 FROM ops.identities i WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE') THEN
        RETURN QUERY SELECT 'already_paired'::text, i.tenant_id, i.id, i.user_id
            FROM ops.identities i WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE';
        RETURN;
    END IF;

    SELECT * INTO invite FROM ops.pairing_invites pi
    WHERE pi.otp_hash = p_otp_hash AND pi.status = 'PENDING'
    FOR UPDATE;

    IF NOT FOUND THEN
        -- A code that was valid once says why it no longer is; anything else is simply wrong.
        SELECT * INTO invite FROM ops.pairing_invites pi WHERE pi.otp_hash = p_otp_hash ORDER BY pi.created_at DESC LIMIT 1;
        known_code := FOUND;
        INSERT INTO ops.pairing_attempts (wa_user_id, succeeded) VALUES (p_wa_user_id, false);
        IF known_code THEN
            UPDATE ops.pairing_invites SET attempts = attempts + 1 WHERE id = invite.id;
            INSERT INTO ops.events (tenant_id, event_type, payload)
            VALUES (invite.tenant_id, 'PAIR_FAILED', jsonb_build_object('invite_id', invite.id, 'reason', lower(invite.status),
                    'wa_user_id', ops.mask_phone(p_wa_user_id)));
            RETURN QUERY SELECT lower(invite.status), invite.tenant_id, NULL::uuid, NULL::uuid;
        ELSE
            RETURN QUERY SELECT 'invalid'::text, NULL::integer, NULL::uuid, NULL::uuid;
        END IF;
        RETURN;
    END IF;

    IF invite.expires_at <= now() THEN
        UPDATE ops.pairing_invites SET status = 'EXPIRED', attempts = attempts + 1 WHERE id = invite.id;
        INSERT INTO ops.pairing_attempts (wa_user_id, succeeded) VALUES (p_wa_user_id, false);
        INSERT INTO ops.events (tenant_id, event_type, payload)
        VALUES (invite.tenant_id, 'PAIR_FAILED', jsonb_build_object('invite_id', invite.id, 'reason', 'expired',
                'wa_user_id', ops.mask_phone(p_wa_user_id)));
        RETURN QUERY SELECT 'expired'::text, invite.tenant_id, NULL::uuid, NULL::uuid;
        RETURN;
    END IF;

    UPDATE ops.pairing_invites
    SET status = 'USED', used_at = now(), used_by_wa_user_id = p_wa_user_id, attempts = attempts + 1
    WHERE id = invite.id;
    INSERT INTO ops.identities (tenant_id, user_id, wa_user_id, status, paired_at)
    VALUES (invite.tenant_id, invite.user_id, p_wa_user_id, 'ACTIVE', now())
    RETURNING id INTO new_identity;
    INSERT INTO ops.pairing_attempts (wa_user_id, succeeded) VALUES (p_wa_user_id, true);
    INSERT INTO ops.events (tenant_id, event_type, payload)
    VALUES (invite.tenant_id, 'PAIRED', jsonb_build_object('invite_id', invite.id, 'identity_id', new_identity,
            'user_id', invite.user_id, 'wa_user_id', ops.mask_phone(p_wa_user_id)));
    RETURN QUERY SELECT 'paired'::text, invite.tenant_id, new_identity, invite.user_id;
END $$;

-- Audit payloads keep numbers recognisable for an operator but never whole.
CREATE FUNCTION ops.mask_phone(p_digits text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN p_digits IS NULL THEN NULL
                WHEN length(p_digits) < 8 THEN repeat('*', length(p_digits))
                ELSE left(p_digits, 3) || repeat('*', length(p_digits) - 5) || right(p_digits, 2) END
$$;

ALTER FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer) TO ops_app;
GRANT EXECUTE ON FUNCTION ops.mask_phone(text) TO ops_app, ops_maintenance;
GRANT SELECT, INSERT, UPDATE ON ops.pairing_invites, ops.identities TO ops_maintenance;
GRANT INSERT ON ops.events TO ops_maintenance;

-- Per-tenant ticket numbers: the row lock on the tenant's counter serialises concurrent commits.
CREATE FUNCTION ops.next_ticket_number() RETURNS integer
    LANGUAGE sql
AS $$
    INSERT INTO ops.ticket_sequences AS s (tenant_id, last_number) VALUES (ops.current_tenant_id(), 1)
    ON CONFLICT (tenant_id) DO UPDATE SET last_number = s.last_number + 1
    RETURNING last_number
$$;
GRANT EXECUTE ON FUNCTION ops.next_ticket_number() TO ops_app;

CREATE INDEX ix_tickets_draft ON ops.tickets (draft_id) WHERE draft_id IS NOT NULL;
CREATE INDEX ix_notifications_draft ON ops.notifications (draft_id) WHERE draft_id IS NOT NULL;
