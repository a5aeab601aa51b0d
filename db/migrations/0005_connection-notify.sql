-- Every change to connections or auth configs is announced at commit on "keyport_connections", so
-- each instance's cache of resolved connections (lib/core/connection-cache.ts) drops what changed.
-- Payload: the changed rows' entity ids, comma-separated, or "*" (drop everything) for auth config
-- changes and statements that touch more than 50 entities (bulk loads send one notification).
CREATE FUNCTION keyport_connections_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  payload text;
BEGIN
  SELECT count(DISTINCT entity_id) INTO n FROM changed_rows;
  IF n = 0 THEN
    RETURN NULL;
  ELSIF n > 50 THEN
    payload := '*';
  ELSE
    SELECT string_agg(DISTINCT entity_id, ',') INTO payload FROM changed_rows;
  END IF;
  PERFORM pg_notify('keyport_connections', payload);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION keyport_integrations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keyport_connections', '*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER connections_inserted AFTER INSERT ON connections REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION keyport_connections_changed();
--> statement-breakpoint
CREATE TRIGGER connections_updated AFTER UPDATE ON connections REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION keyport_connections_changed();
--> statement-breakpoint
CREATE TRIGGER connections_deleted AFTER DELETE ON connections REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION keyport_connections_changed();
--> statement-breakpoint
CREATE TRIGGER integrations_changed AFTER UPDATE OR DELETE ON integrations
  FOR EACH STATEMENT EXECUTE FUNCTION keyport_integrations_changed();
