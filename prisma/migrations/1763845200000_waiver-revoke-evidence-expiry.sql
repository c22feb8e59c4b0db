-- Up Migration
-- A release manager revokes a waiver with a reason; who revoked it and why are kept with
-- revoked_at (which the verdict already reads). Evidence's own expiry (evidence.expires_at)
-- exists since the checklist domain migration; the add-evidence form now sets it.
ALTER TABLE "waivers"
  ADD COLUMN "revoked_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  ADD COLUMN "revoke_reason" text;

-- Down Migration
ALTER TABLE "waivers" DROP COLUMN "revoke_reason", DROP COLUMN "revoked_by_id";
