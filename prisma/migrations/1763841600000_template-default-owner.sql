-- Up Migration
-- A template item's default owner ("Owner: …" under the item in the imported document),
-- copied into every release made from the version; a release import's own owner wins.
ALTER TABLE "template_items" ADD COLUMN "default_owner" text;

-- Down Migration
ALTER TABLE "template_items" DROP COLUMN "default_owner";
