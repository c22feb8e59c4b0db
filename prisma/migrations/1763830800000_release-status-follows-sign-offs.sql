-- Up Migration
-- A release is SIGNED_OFF only while it has a valid GO sign-off and no valid NO-GO
-- (lib/domain/sign-off/sign-off-rules.ts). Releases left SIGNED_OFF by the old code after
-- their GO was replaced by a NO-GO go back to review, and the database now refuses, at
-- commit, any transaction that would leave a release SIGNED_OFF without a standing GO.

CREATE FUNCTION "release_is_signed_off"(release uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "sign_offs" s WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'GO')
     AND NOT EXISTS (SELECT 1 FROM "sign_offs" s WHERE s."release_id" = release AND s."invalidated_at" IS NULL AND s."decision" = 'NO_GO')
$$;

UPDATE "releases" SET "status" = 'IN_REVIEW' WHERE "status" = 'SIGNED_OFF' AND NOT "release_is_signed_off"("id");

CREATE FUNCTION "releases_check_signed_off"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
BEGIN
  -- Each branch reads only its own table's columns.
  IF TG_TABLE_NAME = 'releases' THEN
    target := NEW."id";
  ELSE
    target := NEW."release_id";
  END IF;
  IF EXISTS (SELECT 1 FROM "releases" r WHERE r."id" = target AND r."status" = 'SIGNED_OFF') AND NOT "release_is_signed_off"(target) THEN
    RAISE EXCEPTION 'release % is SIGNED_OFF without a valid GO sign-off', target USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "releases_signed_off_has_go" AFTER INSERT OR UPDATE OF "status" ON "releases"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."status" = 'SIGNED_OFF') EXECUTE FUNCTION "releases_check_signed_off"();
CREATE CONSTRAINT TRIGGER "sign_offs_keep_signed_off_consistent" AFTER INSERT OR UPDATE ON "sign_offs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "releases_check_signed_off"();

-- Down Migration
DROP TRIGGER "sign_offs_keep_signed_off_consistent" ON "sign_offs";
DROP TRIGGER "releases_signed_off_has_go" ON "releases";
DROP FUNCTION "releases_check_signed_off"();
DROP FUNCTION "release_is_signed_off"(uuid);
