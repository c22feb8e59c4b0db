-- Up Migration
-- Multi-party sign-off (docs/decisions/0013-multi-party-sign-off.md). A template version
-- holds its sign-off policy (named seats, who may fill each, how many GO signatures each
-- needs; whether one person may fill several seats; whether self-approval counts); a
-- release copies it. Every existing version and release gets today's single seat, the
-- release manager's, and every existing sign-off sits in it.
ALTER TABLE "template_versions" ADD COLUMN "sign_off_policy" jsonb NOT NULL
  DEFAULT '{"seats":[{"key":"release-manager","name":"Release manager","roles":["RELEASE_MANAGER","ADMIN"],"teams":[],"users":[],"required":1,"releaseOnly":false}],"allowMultipleSeats":false,"allowSelfApproval":true}';
ALTER TABLE "releases" ADD COLUMN "sign_off_policy" jsonb NOT NULL
  DEFAULT '{"seats":[{"key":"release-manager","name":"Release manager","roles":["RELEASE_MANAGER","ADMIN"],"teams":[],"users":[],"required":1,"releaseOnly":false}],"allowMultipleSeats":false,"allowSelfApproval":true}',
  -- A release manager asked the seats to sign: shown in "My work" until the release is signed off.
  ADD COLUMN "sign_off_requested_at" timestamptz(3),
  ADD COLUMN "sign_off_requested_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL;
ALTER TABLE "sign_offs"
  ADD COLUMN "seat_key" text NOT NULL DEFAULT 'release-manager',
  -- The signer had changed an item of the release since its sign-offs were last voided.
  ADD COLUMN "self_approved" boolean NOT NULL DEFAULT false;
CREATE INDEX "sign_offs_release_id_seat_key_idx" ON "sign_offs" ("release_id", "seat_key") WHERE "invalidated_at" IS NULL;

-- The database's own check (migration 1763830800000) now asks what the app asks: a release
-- is SIGNED_OFF only while a valid GO and no valid NO-GO stand, its policy has seats, and every seat has as many
-- valid GO signatures as it needs (with self-approval off, one from someone who changed
-- nothing that round). Checked at commit, whoever wrote the rows; a change of seats counts.
CREATE OR REPLACE FUNCTION "release_is_signed_off"(release uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "sign_offs" s WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'GO')
     AND NOT EXISTS (SELECT 1 FROM "sign_offs" s WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'NO_GO')
     -- A policy without seats signs nothing off.
     AND EXISTS (SELECT 1 FROM "releases" r WHERE r."id" = release AND jsonb_typeof(r."sign_off_policy"->'seats') = 'array' AND jsonb_array_length(r."sign_off_policy"->'seats') > 0)
     AND NOT EXISTS (
       SELECT 1 FROM "releases" r CROSS JOIN LATERAL jsonb_array_elements(r."sign_off_policy"->'seats') AS seat
       WHERE r."id" = release AND (
         (SELECT count(*) FROM "sign_offs" s
          WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'GO' AND s."seat_key" = seat->>'key')
           < coalesce((seat->>'required')::int, 1)
         OR (coalesce((r."sign_off_policy"->>'allowSelfApproval')::boolean, true) = false AND NOT EXISTS (
           SELECT 1 FROM "sign_offs" s
           WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'GO' AND s."seat_key" = seat->>'key' AND NOT s."self_approved"))))
$$;
DROP TRIGGER "releases_signed_off_has_go" ON "releases";
CREATE CONSTRAINT TRIGGER "releases_signed_off_has_go" AFTER INSERT OR UPDATE OF "status", "sign_off_policy" ON "releases"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."status" = 'SIGNED_OFF') EXECUTE FUNCTION "releases_check_signed_off"();

-- Down Migration
DROP TRIGGER "releases_signed_off_has_go" ON "releases";
CREATE CONSTRAINT TRIGGER "releases_signed_off_has_go" AFTER INSERT OR UPDATE OF "status" ON "releases"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."status" = 'SIGNED_OFF') EXECUTE FUNCTION "releases_check_signed_off"();
CREATE OR REPLACE FUNCTION "release_is_signed_off"(release uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "sign_offs" s WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'GO')
     AND NOT EXISTS (SELECT 1 FROM "sign_offs" s WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'NO_GO')
$$;
DROP INDEX "sign_offs_release_id_seat_key_idx";
ALTER TABLE "sign_offs" DROP COLUMN "self_approved", DROP COLUMN "seat_key";
ALTER TABLE "releases" DROP COLUMN "sign_off_requested_by_id", DROP COLUMN "sign_off_requested_at", DROP COLUMN "sign_off_policy";
ALTER TABLE "template_versions" DROP COLUMN "sign_off_policy";
