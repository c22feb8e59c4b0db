-- Up Migration
-- Sessions are signed cookies (JWT) that carry the user's session generation. Signing out,
-- disabling a user and changing their role move it on, so every session issued before
-- stops working on its next request (lib/auth/current-actor.ts), even if the cookie is kept.
ALTER TABLE "users" ADD COLUMN "session_generation" integer NOT NULL DEFAULT 0;

-- Down Migration
ALTER TABLE "users" DROP COLUMN "session_generation";
