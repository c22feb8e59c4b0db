-- Up Migration
-- Signed webhooks (docs/decisions/0010-webhooks.md). A delivery is written in the same
-- transaction as the change it reports, with its graphile-worker job: a rolled-back change
-- sends nothing, and a committed one is delivered even if the process dies right after.
CREATE TABLE "webhook_endpoints" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "url" text NOT NULL,
  "events" text[] NOT NULL,
  "secret" text NOT NULL,
  "format" text NOT NULL DEFAULT 'json' CHECK ("format" IN ('json', 'slack')),
  "created_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "webhook_deliveries" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "endpoint_id" uuid NOT NULL REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
  "event" text NOT NULL,
  "release_id" uuid REFERENCES "releases" ("id") ON DELETE SET NULL,
  "payload" jsonb NOT NULL,
  "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
  "attempts" integer NOT NULL DEFAULT 0,
  "last_status_code" integer,
  "last_error" text,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "delivered_at" timestamptz(3)
);
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries" ("endpoint_id", "created_at" DESC);

CREATE TABLE "webhook_attempts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "delivery_id" uuid NOT NULL REFERENCES "webhook_deliveries" ("id") ON DELETE CASCADE,
  "attempted_at" timestamptz(3) NOT NULL DEFAULT now(),
  "status_code" integer,
  "error" text,
  "duration_ms" integer NOT NULL
);
CREATE INDEX "webhook_attempts_delivery_id_idx" ON "webhook_attempts" ("delivery_id");

-- Down Migration
DROP TABLE "webhook_attempts";
DROP TABLE "webhook_deliveries";
DROP TABLE "webhook_endpoints";
