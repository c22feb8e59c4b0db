-- Up Migration
-- "Events by this person" pages by keyset like the rest of the log.
CREATE INDEX "audit_events_actor_label_seq_idx" ON "audit_events" ("actor_label", "seq");

-- Down Migration
DROP INDEX "audit_events_actor_label_seq_idx";
