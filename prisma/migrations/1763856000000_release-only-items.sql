-- Up Migration
-- An item a release manager added to one release, not from its template version: marked in
-- the page, the exports and the audit log (item.add), and kept when the release moves to a
-- newer template version.
ALTER TABLE "release_items" ADD COLUMN "release_only" boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE "release_items" DROP COLUMN "release_only";
