-- Up Migration
-- The audit trail is append-only and hash-chained. Every event gets the next sequence
-- number, the hash of the event before it, and the SHA-256 of its own canonical text
-- (audit_event_canonical). Editing, deleting or reordering history breaks the chain,
-- which `npm run preflight -- verify-audit` detects.
ALTER TABLE "audit_events"
  ADD COLUMN "seq" bigint NOT NULL DEFAULT 0,
  ADD COLUMN "prev_hash" text,
  ADD COLUMN "hash" text NOT NULL DEFAULT '',
  ADD COLUMN "ip" text,
  ADD COLUMN "user_agent" text;

-- Fields in a fixed order, separated by the ASCII unit separator; JSON as PostgreSQL's
-- canonical jsonb text; the time in UTC with milliseconds.
CREATE FUNCTION "audit_event_canonical"(e "audit_events") RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(chr(31),
    e."seq"::text, coalesce(e."prev_hash", ''), e."id"::text, coalesce(e."actor_id"::text, ''), e."actor_label",
    e."action", e."entity_type", e."entity_id", coalesce(e."release_id"::text, ''),
    coalesce(e."before"::text, ''), coalesce(e."after"::text, ''), coalesce(e."request_id", ''),
    coalesce(e."ip", ''), coalesce(e."user_agent", ''),
    to_char(e."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;

CREATE FUNCTION "audit_event_hash"(e "audit_events") RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to("audit_event_canonical"(e), 'UTF8')), 'hex')
$$;

-- Appends are serialized by a transaction-scoped advisory lock, so concurrent writers
-- can never fork the chain.
CREATE FUNCTION "audit_events_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(736100117);
  SELECT "seq", "hash" INTO last_seq, last_hash FROM "audit_events" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := coalesce(last_seq, 0) + 1;
  NEW."prev_hash" := last_hash;
  NEW."hash" := "audit_event_hash"(NEW);
  RETURN NEW;
END;
$$;

-- Chain the events written before this migration, in the order they happened.
DO $$
DECLARE
  event "audit_events";
  n bigint := 0;
  previous text := NULL;
BEGIN
  FOR event IN SELECT * FROM "audit_events" ORDER BY "created_at", "id" LOOP
    n := n + 1;
    event."seq" := n;
    event."prev_hash" := previous;
    event."hash" := "audit_event_hash"(event);
    UPDATE "audit_events" SET "seq" = event."seq", "prev_hash" = event."prev_hash", "hash" = event."hash" WHERE "id" = event."id";
    previous := event."hash";
  END LOOP;
END;
$$;

CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events" ("seq");
CREATE INDEX "audit_events_actor_id_seq_idx" ON "audit_events" ("actor_id", "seq");
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events" ("action", "seq");

CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();

CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- Down Migration
DROP TRIGGER "audit_events_no_truncate" ON "audit_events";
DROP TRIGGER "audit_events_append_only" ON "audit_events";
DROP FUNCTION "audit_events_refuse_change"();
DROP TRIGGER "audit_events_chain" ON "audit_events";
DROP FUNCTION "audit_events_chain"();
DROP FUNCTION "audit_event_hash"("audit_events");
DROP FUNCTION "audit_event_canonical"("audit_events");
DROP INDEX "audit_events_action_seq_idx";
DROP INDEX "audit_events_actor_id_seq_idx";
DROP INDEX "audit_events_seq_key";
ALTER TABLE "audit_events" DROP COLUMN "user_agent", DROP COLUMN "ip", DROP COLUMN "hash", DROP COLUMN "prev_hash", DROP COLUMN "seq";
