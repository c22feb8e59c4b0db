-- Up Migration
-- New users can read everything and change nothing until an admin gives them a role.
ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'VIEWER';

-- Down Migration
ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'MEMBER';
