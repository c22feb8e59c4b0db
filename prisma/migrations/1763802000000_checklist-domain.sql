-- Up Migration
CREATE TYPE "ItemKind" AS ENUM ('CHECK', 'GO_CRITERION', 'NO_GO_CONDITION');
CREATE TYPE "Severity" AS ENUM ('BLOCKING', 'ADVISORY');
CREATE TYPE "ItemStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'BLOCKED', 'NOT_APPLICABLE', 'WAIVED');
CREATE TYPE "ReleaseStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'SIGNED_OFF', 'SHIPPED', 'CANCELLED');
CREATE TYPE "EvidenceKind" AS ENUM ('LINK', 'NOTE', 'CI_RESULT');
CREATE TYPE "SignOffDecision" AS ENUM ('GO', 'NO_GO');
CREATE TYPE "Verdict" AS ENUM ('GO', 'GO_WITH_EXCEPTIONS', 'NO_GO');

CREATE TABLE "teams" (
  "id"         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "name"       text NOT NULL UNIQUE,
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "checklist_templates" (
  "id"            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "name"          text NOT NULL,
  "description"   text,
  "created_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "version"       integer NOT NULL DEFAULT 1,
  "created_at"    timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at"    timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "template_versions" (
  "id"              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "template_id"     uuid NOT NULL REFERENCES "checklist_templates" ("id") ON DELETE CASCADE,
  "number"          integer NOT NULL,
  "title"           text NOT NULL,
  "source_markdown" text NOT NULL,
  "content_hash"    text NOT NULL,
  "import_mode"     text NOT NULL CHECK ("import_mode" IN ('tasks', 'lists')),
  "levels"          text[] NOT NULL DEFAULT '{}',
  "author_id"       uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at"      timestamptz(3) NOT NULL DEFAULT now(),
  "published_at"    timestamptz(3),
  CONSTRAINT "template_versions_template_id_number_key" UNIQUE ("template_id", "number")
);

CREATE TABLE "template_sections" (
  "id"                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "template_version_id" uuid NOT NULL REFERENCES "template_versions" ("id") ON DELETE CASCADE,
  "parent_id"           uuid REFERENCES "template_sections" ("id") ON DELETE CASCADE,
  "position"            integer NOT NULL,
  "title"               text NOT NULL
);
CREATE INDEX "template_sections_template_version_id_idx" ON "template_sections" ("template_version_id");

CREATE TABLE "template_items" (
  "id"                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "template_version_id"   uuid NOT NULL REFERENCES "template_versions" ("id") ON DELETE CASCADE,
  "section_id"            uuid NOT NULL REFERENCES "template_sections" ("id") ON DELETE CASCADE,
  "parent_id"             uuid REFERENCES "template_items" ("id") ON DELETE CASCADE,
  "position"              integer NOT NULL,
  "key"                   text NOT NULL,
  "text"                  text NOT NULL,
  "detail"                text,
  "kind"                  "ItemKind" NOT NULL DEFAULT 'CHECK',
  "severity"              "Severity" NOT NULL DEFAULT 'BLOCKING',
  "evidence_required"     boolean NOT NULL DEFAULT false,
  "evidence_max_age_days" integer CHECK ("evidence_max_age_days" > 0),
  "required_level"        text,
  CONSTRAINT "template_items_template_version_id_key_key" UNIQUE ("template_version_id", "key")
);

CREATE TABLE "releases" (
  "id"                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "name"                text NOT NULL,
  "service"             text NOT NULL,
  "version"             text NOT NULL,
  "environment"         text NOT NULL,
  "target_date"         date,
  "target_level"        text,
  "template_version_id" uuid NOT NULL REFERENCES "template_versions" ("id") ON DELETE RESTRICT,
  "status"              "ReleaseStatus" NOT NULL DEFAULT 'DRAFT',
  "revision"            integer NOT NULL DEFAULT 1,
  "created_by_id"       uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at"          timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at"          timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "release_sections" (
  "id"         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "release_id" uuid NOT NULL REFERENCES "releases" ("id") ON DELETE CASCADE,
  "parent_id"  uuid REFERENCES "release_sections" ("id") ON DELETE CASCADE,
  "position"   integer NOT NULL,
  "title"      text NOT NULL
);
CREATE INDEX "release_sections_release_id_idx" ON "release_sections" ("release_id");

CREATE TABLE "release_items" (
  "id"                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "release_id"            uuid NOT NULL REFERENCES "releases" ("id") ON DELETE CASCADE,
  "section_id"            uuid NOT NULL REFERENCES "release_sections" ("id") ON DELETE CASCADE,
  "parent_id"             uuid REFERENCES "release_items" ("id") ON DELETE CASCADE,
  "position"              integer NOT NULL,
  "key"                   text NOT NULL,
  "text"                  text NOT NULL,
  "detail"                text,
  "kind"                  "ItemKind" NOT NULL DEFAULT 'CHECK',
  "severity"              "Severity" NOT NULL DEFAULT 'BLOCKING',
  "evidence_required"     boolean NOT NULL DEFAULT false,
  "evidence_max_age_days" integer CHECK ("evidence_max_age_days" > 0),
  "required_level"        text,
  "status"                "ItemStatus" NOT NULL DEFAULT 'OPEN',
  "owner"                 text,
  "due_date"              date,
  "na_reason"             text,
  "version"               integer NOT NULL DEFAULT 1,
  "updated_by_id"         uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at"            timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at"            timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "release_items_release_id_key_key" UNIQUE ("release_id", "key"),
  CONSTRAINT "release_items_na_reason_required" CHECK ("status" <> 'NOT_APPLICABLE' OR length(btrim("na_reason")) > 0)
);

CREATE TABLE "evidence" (
  "id"              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "release_item_id" uuid NOT NULL REFERENCES "release_items" ("id") ON DELETE CASCADE,
  "kind"            "EvidenceKind" NOT NULL,
  "url"             text CHECK ("url" ~* '^https?://'),
  "note"            text,
  "ci_status"       text,
  "added_by_id"     uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "added_at"        timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"      timestamptz(3)
);
CREATE INDEX "evidence_release_item_id_idx" ON "evidence" ("release_item_id");

CREATE TABLE "waivers" (
  "id"                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "release_item_id"      uuid NOT NULL REFERENCES "release_items" ("id") ON DELETE CASCADE,
  "reason"               text NOT NULL,
  "compensating_control" text NOT NULL,
  "approver_id"          uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
  "expires_at"           timestamptz(3),
  "revoked_at"           timestamptz(3),
  "created_by_id"        uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at"           timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "waivers_release_item_id_idx" ON "waivers" ("release_item_id");

CREATE TABLE "comments" (
  "id"              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "release_id"      uuid NOT NULL REFERENCES "releases" ("id") ON DELETE CASCADE,
  "release_item_id" uuid REFERENCES "release_items" ("id") ON DELETE CASCADE,
  "author_id"       uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "body"            text NOT NULL,
  "created_at"      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "comments_release_id_idx" ON "comments" ("release_id");

CREATE TABLE "sign_offs" (
  "id"                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "release_id"         uuid NOT NULL REFERENCES "releases" ("id") ON DELETE CASCADE,
  "user_id"            uuid NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
  "capacity"           text NOT NULL,
  "decision"           "SignOffDecision" NOT NULL,
  "comment"            text,
  "verdict_at_signing" "Verdict" NOT NULL,
  "content_hash"       text NOT NULL,
  "created_at"         timestamptz(3) NOT NULL DEFAULT now(),
  "invalidated_at"     timestamptz(3),
  "invalidated_reason" text
);
CREATE INDEX "sign_offs_release_id_idx" ON "sign_offs" ("release_id");

CREATE TABLE "audit_events" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "actor_id"    uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "actor_label" text NOT NULL,
  "action"      text NOT NULL,
  "entity_type" text NOT NULL,
  "entity_id"   text NOT NULL,
  "release_id"  uuid REFERENCES "releases" ("id") ON DELETE SET NULL,
  "before"      jsonb,
  "after"       jsonb,
  "request_id"  text,
  "created_at"  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "audit_events_release_id_created_at_idx" ON "audit_events" ("release_id", "created_at");
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events" ("entity_type", "entity_id");

-- Down Migration
DROP TABLE "audit_events", "sign_offs", "comments", "waivers", "evidence", "release_items", "release_sections",
  "releases", "template_items", "template_sections", "template_versions", "checklist_templates", "teams";
DROP TYPE "Verdict", "SignOffDecision", "EvidenceKind", "ReleaseStatus", "ItemStatus", "Severity", "ItemKind";
