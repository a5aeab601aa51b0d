-- A revoked, re-dated or deleted tool-router session is announced at commit on
-- "keyport_tool_sessions" (payload: its id), so each instance's session cache
-- (lib/core/tool-session-cache.ts) drops it. last_used_at updates announce nothing.
CREATE FUNCTION keyport_tool_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keyport_tool_sessions', OLD.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tool_sessions_changed AFTER UPDATE ON tool_sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
        OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION keyport_tool_session_changed();
--> statement-breakpoint
CREATE TRIGGER tool_sessions_deleted AFTER DELETE ON tool_sessions FOR EACH ROW
  EXECUTE FUNCTION keyport_tool_session_changed();
