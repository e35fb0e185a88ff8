-- Pairing codes that cannot be guessed and a pairing nobody can block (issue 11, finding 2). docs/security.md has
-- the arithmetic; in short: codes have 8 digits (10^8), every checked failure is counted under one lock, at most
-- p_max_failed_global_per_minute / _per_day failures are checked across all numbers; beyond that (the budget is
-- "saturated") a number still gets p_saturated_allowance checks a day, so the holder of a real code pairs from a
-- fresh phone even while an attacker keeps the budget exhausted. Numbers are kept only as keyed hashes, for 2 days.

-- Raw numbers of earlier attempts are not kept: the history only serves the limits of the last 24 hours.
DELETE FROM ops.pairing_attempts;
DROP INDEX ops.ix_pairing_attempts_number_time;
ALTER TABLE ops.pairing_attempts RENAME COLUMN wa_user_id TO number_hash;
CREATE INDEX ix_pairing_attempts_number_hash_time ON ops.pairing_attempts (number_hash, attempted_at DESC);
-- Only failures that were checked against the codes count for the global budget.
ALTER TABLE ops.pairing_attempts ADD COLUMN checked boolean NOT NULL DEFAULT true;

DROP FUNCTION ops.claim_pairing_code(text, text, integer, interval, integer);

CREATE FUNCTION ops.claim_pairing_code(
    p_otp_hash text, p_wa_user_id text, p_number_hash text,
    p_max_failed_per_number integer, p_max_failed_global_per_minute integer, p_max_failed_global_per_day integer,
    p_saturated_allowance integer)
    RETURNS TABLE (outcome text, tenant_id integer, identity_id uuid, user_id uuid)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, ops
AS $$
DECLARE
    invite ops.pairing_invites%ROWTYPE;
    new_identity uuid;
    failed_here integer;
    failed_minute integer;
    failed_day integer;
    known_code boolean;
    scope_tenant integer := ops.current_tenant_id();
BEGIN
    -- One claim at a time: the counts below are exact however many guesses arrive in parallel.
    PERFORM pg_advisory_xact_lock(hashtext('ops.pairing'));
    DELETE FROM ops.pairing_attempts WHERE attempted_at < now() - interval '2 days';

    IF EXISTS (SELECT 1 FROM ops.identities i WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE'
               AND (scope_tenant IS NULL OR i.tenant_id = scope_tenant)) THEN
        RETURN QUERY SELECT 'already_paired'::text, i.tenant_id, i.id, i.user_id
            FROM ops.identities i WHERE i.wa_user_id = p_wa_user_id AND i.status = 'ACTIVE'
              AND (scope_tenant IS NULL OR i.tenant_id = scope_tenant);
        RETURN;
    END IF;

    SELECT count(*) INTO failed_here FROM ops.pairing_attempts a
    WHERE a.number_hash = p_number_hash AND NOT a.succeeded AND a.attempted_at > now() - interval '24 hours';
    SELECT count(*) FILTER (WHERE a.attempted_at > now() - interval '1 minute'), count(*)
    INTO failed_minute, failed_day FROM ops.pairing_attempts a
    WHERE NOT a.succeeded AND a.checked AND a.attempted_at > now() - interval '24 hours';

    IF failed_here >= p_max_failed_per_number
       OR ((failed_minute >= p_max_failed_global_per_minute OR failed_day >= p_max_failed_global_per_day)
           AND failed_here >= p_saturated_allowance) THEN
        RETURN QUERY SELECT 'rate_limited'::text, NULL::integer, NULL::uuid, NULL::uuid;
        RETURN;
    END IF;

    SELECT * INTO invite FROM ops.pairing_invites pi
    WHERE pi.otp_hash = p_otp_hash AND pi.status = 'PENDING' AND (scope_tenant IS NULL OR pi.tenant_id = scope_tenant)
    FOR UPDATE;

    IF NOT FOUND THEN
        -- A code that was valid once says why it no longer is; anything else is simply wrong.
        SELECT * INTO invite FROM ops.pairing_invites pi
        WHERE pi.otp_hash = p_otp_hash AND (scope_tenant IS NULL OR pi.tenant_id = scope_tenant)
        ORDER BY pi.created_at DESC LIMIT 1;
        known_code := FOUND;
        INSERT INTO ops.pairing_attempts (number_hash, succeeded) VALUES (p_number_hash, false);
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
        INSERT INTO ops.pairing_attempts (number_hash, succeeded) VALUES (p_number_hash, false);
        INSERT INTO ops.events (tenant_id, event_type, payload)
        VALUES (invite.tenant_id, 'PAIR_FAILED', jsonb_build_object('invite_id', invite.id, 'reason', 'expired',
                'wa_user_id', ops.mask_phone(p_wa_user_id)));
        RETURN QUERY SELECT 'expired'::text, invite.tenant_id, NULL::uuid, NULL::uuid;
        RETURN;
    END IF;

    UPDATE ops.pairing_invites
    SET status = 'USED', used_at = now(), used_by_wa_user_id = ops.mask_phone(p_wa_user_id), attempts = attempts + 1
    WHERE id = invite.id;
    INSERT INTO ops.identities (tenant_id, user_id, wa_user_id, status, paired_at)
    VALUES (invite.tenant_id, invite.user_id, p_wa_user_id, 'ACTIVE', now())
    RETURNING id INTO new_identity;
    INSERT INTO ops.pairing_attempts (number_hash, succeeded) VALUES (p_number_hash, true);
    INSERT INTO ops.events (tenant_id, event_type, payload)
    VALUES (invite.tenant_id, 'PAIRED', jsonb_build_object('invite_id', invite.id, 'identity_id', new_identity,
            'user_id', invite.user_id, 'wa_user_id', ops.mask_phone(p_wa_user_id)));
    RETURN QUERY SELECT 'paired'::text, invite.tenant_id, new_identity, invite.user_id;
END $$;

ALTER FUNCTION ops.claim_pairing_code(text, text, text, integer, integer, integer, integer) OWNER TO ops_maintenance;
REVOKE ALL ON FUNCTION ops.claim_pairing_code(text, text, text, integer, integer, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops.claim_pairing_code(text, text, text, integer, integer, integer, integer) TO ops_app;

-- The used_by number of an invite is no code, but it is a number: keep it masked like the audit trail does.
UPDATE ops.pairing_invites SET used_by_wa_user_id = ops.mask_phone(used_by_wa_user_id) WHERE used_by_wa_user_id ~ '^[0-9]+$';
