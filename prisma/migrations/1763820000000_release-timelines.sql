-- Up Migration
-- A release's burndown and verdict history, replayed from its audit events up to last_seq
-- and extended from there on the next read: a cache of the audit trail, never the record.
-- Dropping a row (or the table's contents) only costs the next read a full replay.
CREATE TABLE "release_timelines" (
  "release_id" uuid PRIMARY KEY REFERENCES "releases" ("id") ON DELETE CASCADE,
  "last_seq"   bigint NOT NULL,
  "format"     smallint NOT NULL,
  "state"      jsonb NOT NULL,
  "points"     jsonb NOT NULL,
  "updated_at" timestamptz(3) NOT NULL DEFAULT now()
);

-- Replays read a release's events in chain order, and "events after seq N" for one release.
CREATE INDEX "audit_events_release_id_seq_idx" ON "audit_events" ("release_id", "seq");
DROP INDEX "audit_events_release_id_created_at_idx";

-- Down Migration
CREATE INDEX "audit_events_release_id_created_at_idx" ON "audit_events" ("release_id", "created_at");
DROP INDEX "audit_events_release_id_seq_idx";
DROP TABLE "release_timelines";
