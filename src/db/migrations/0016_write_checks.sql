-- Checks a write makes inside PostgreSQL, so that a failure stops the statements pipelined behind
-- it (src/db/client.ts): the transaction is aborted before they run.

-- Whether the API key or session a write was authenticated with still works (not revoked, logged
-- out or expired; its user not disabled). A server that knows a credential runs the write with this
-- check in its first round trip instead of reading the credential first (src/http/auth.ts).
CREATE FUNCTION sendback_require_live_credential(p_key_id text, p_session_id text, p_at timestamptz)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_key_id IS NULL AND p_session_id IS NULL THEN
    RAISE EXCEPTION 'no credential to check' USING ERRCODE = 'SB401';
  END IF;
  IF p_key_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM api_keys k JOIN users u ON u.id = k.user_id
    WHERE k.id = p_key_id AND k.revoked_at IS NULL AND u.disabled_at IS NULL
  ) THEN
    RAISE EXCEPTION 'the API key no longer works' USING ERRCODE = 'SB401';
  END IF;
  IF p_session_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = p_session_id AND s.expires_at > p_at AND u.disabled_at IS NULL
  ) THEN
    RAISE EXCEPTION 'the session has ended' USING ERRCODE = 'SB401';
  END IF;
END;
$$;
--> statement-breakpoint
-- A write's own guard (src/db/write-together.ts): `ok` false fails the statement with `message`.
CREATE FUNCTION sendback_expect(ok boolean, message text) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', message USING ERRCODE = 'SB409';
  END IF;
  RETURN 1;
END;
$$;
