-- Up Migration
-- Audit search (lib/data/audit/list-audit-events.ts) without reading every event: trigram
-- indexes answer ILIKE '%text%' for patterns of 3 characters or more, btrees the item filter.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- What free-text search reads of an event: both payloads as PostgreSQL's canonical jsonb
-- text, in one indexed value (jsonb::text and || are IMMUTABLE, as an index requires). They
-- are joined by a line break, which jsonb text never contains (it prints one as \n): a
-- search without one matches within a payload, never across the two.
CREATE FUNCTION "audit_event_search_text"("before" jsonb, "after" jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce("before"::text, '') || E'\n' || coalesce("after"::text, '')
$$;

CREATE INDEX "audit_events_search_text_trgm_idx" ON "audit_events"
  USING gin ("audit_event_search_text"("before", "after") gin_trgm_ops);
-- "Events by a person" from part of a name or address.
CREATE INDEX "audit_events_actor_label_trgm_idx" ON "audit_events" USING gin ("actor_label" gin_trgm_ops);
-- The item filter: events about the item itself, and events that name it in their payload.
CREATE INDEX "audit_events_entity_id_idx" ON "audit_events" ("entity_id");
CREATE INDEX "audit_events_after_item_id_idx" ON "audit_events" (("after" ->> 'itemId'));
-- Text search also finds the events of items whose text matches.
CREATE INDEX "release_items_text_trgm_idx" ON "release_items" USING gin ("text" gin_trgm_ops);

-- Down Migration
DROP INDEX "release_items_text_trgm_idx";
DROP INDEX "audit_events_after_item_id_idx";
DROP INDEX "audit_events_entity_id_idx";
DROP INDEX "audit_events_actor_label_trgm_idx";
DROP INDEX "audit_events_search_text_trgm_idx";
DROP FUNCTION "audit_event_search_text"(jsonb, jsonb);
-- pg_trgm stays: it may have been there before, and other objects may use it.
