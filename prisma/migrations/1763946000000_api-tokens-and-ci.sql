-- Up Migration
-- API tokens (docs/decisions/0009-api-tokens.md): shown once, stored as a SHA-256 hash with a
-- short public prefix to recognise them by; never an admin's rights.
CREATE TABLE "api_tokens" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "name" text NOT NULL,
  "role" "Role" NOT NULL CHECK ("role" <> 'ADMIN'),
  "prefix" text NOT NULL UNIQUE,
  "token_hash" text NOT NULL UNIQUE,
  "created_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at" timestamptz(3),
  "last_used_at" timestamptz(3),
  "revoked_at" timestamptz(3),
  "revoked_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL
);

-- An item bound to a named CI check: a result of that check marks it done or blocked.
ALTER TABLE "template_items" ADD COLUMN "ci_check" text;
ALTER TABLE "release_items" ADD COLUMN "ci_check" text;
-- The commit a release ships: CI results for another commit do not count.
ALTER TABLE "releases" ADD COLUMN "target_commit" text;
-- A CI result's check and commit.
ALTER TABLE "evidence" ADD COLUMN "ci_check" text, ADD COLUMN "commit_sha" text;

-- Down Migration
ALTER TABLE "evidence" DROP COLUMN "commit_sha", DROP COLUMN "ci_check";
ALTER TABLE "releases" DROP COLUMN "target_commit";
ALTER TABLE "release_items" DROP COLUMN "ci_check";
ALTER TABLE "template_items" DROP COLUMN "ci_check";
DROP TABLE "api_tokens";
