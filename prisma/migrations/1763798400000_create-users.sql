-- Up Migration
CREATE TYPE "Role" AS ENUM ('ADMIN', 'RELEASE_MANAGER', 'MEMBER', 'VIEWER');

CREATE TABLE "users" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "email"       text NOT NULL,
  "name"        text,
  "image"       text,
  "role"        "Role" NOT NULL DEFAULT 'MEMBER',
  "disabled_at" timestamptz(3),
  "created_at"  timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at"  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");

-- Down Migration
DROP TABLE "users";
DROP TYPE "Role";
