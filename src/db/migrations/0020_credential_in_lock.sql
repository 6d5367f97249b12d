-- A write's credential check can be a condition of its first statement (src/db/users.ts,
-- LIVE_CREDENTIAL_CONDITION) instead of a statement of its own: as a function of the parameters alone
-- that only reads, it is STABLE, so PostgreSQL checks it once, before the statement reads a row,
-- and raises SB401 whether or not the statement finds any.
ALTER FUNCTION sendback_require_live_credential(text, text, timestamptz) STABLE;
--> statement-breakpoint
CREATE FUNCTION sendback_live_credential(p_key_id text, p_session_id text, p_at timestamptz)
  RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM sendback_require_live_credential(p_key_id, p_session_id, p_at);
  RETURN true;
END;
$$;
