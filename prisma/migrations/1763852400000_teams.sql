-- Up Migration
-- Teams own items (docs/decisions/0007-owners.md): an item's owner names a team as
-- "team:<name>", so a team's name is unique whatever its case.
CREATE TABLE "team_members" (
  "team_id" uuid NOT NULL REFERENCES "teams" ("id") ON DELETE CASCADE,
  "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
  PRIMARY KEY ("team_id", "user_id")
);
-- "Mine" and My work look up the teams of one user.
CREATE INDEX "team_members_user_id_idx" ON "team_members" ("user_id");
CREATE UNIQUE INDEX "teams_name_lower_key" ON "teams" (lower("name"));
-- My work finds a person's items across releases by owner, compared as ownerKey does.
CREATE INDEX "release_items_owner_key_idx" ON "release_items" (lower(btrim("owner")));

-- Down Migration
DROP INDEX "release_items_owner_key_idx";
DROP INDEX "teams_name_lower_key";
DROP TABLE "team_members";
