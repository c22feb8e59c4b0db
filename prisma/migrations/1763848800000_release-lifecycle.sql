-- Up Migration
-- A release's end: shipped (when and by whom; its checklist freezes) or cancelled (with a
-- reason). Reopening clears these and is audited with its reason (release.reopen).
ALTER TABLE "releases" ADD COLUMN "closed_at" timestamptz(3);
ALTER TABLE "releases" ADD COLUMN "closed_by_id" uuid REFERENCES "users"("id") ON DELETE SET NULL;
ALTER TABLE "releases" ADD COLUMN "close_reason" text;

-- Down Migration
ALTER TABLE "releases" DROP COLUMN "close_reason";
ALTER TABLE "releases" DROP COLUMN "closed_by_id";
ALTER TABLE "releases" DROP COLUMN "closed_at";
