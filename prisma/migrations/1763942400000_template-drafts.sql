-- Up Migration
-- The template editor keeps work as a server-side draft (nothing lost on a closed tab). A
-- template has at most one draft, shared by its admins; `version` makes a second admin's
-- save a conflict instead of an overwrite. A draft of a new template has no template yet.
CREATE TABLE "template_drafts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "template_id" uuid UNIQUE REFERENCES "checklist_templates" ("id") ON DELETE CASCADE,
  "base_version_id" uuid REFERENCES "template_versions" ("id") ON DELETE SET NULL,
  "content" jsonb NOT NULL,
  "version" integer NOT NULL DEFAULT 1,
  "created_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "updated_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE "template_drafts";
