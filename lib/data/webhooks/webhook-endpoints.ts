import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { addDeliveryJobs, forgetWebhookSubscriptions } from "@/lib/data/webhooks/enqueue-webhooks";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type TWebhookEvent, type TWebhookFormat } from "@/lib/domain/webhooks/webhook-events";

// Admins register where webhooks go, read the delivery log and redeliver
// (docs/decisions/0010-webhooks.md). Each change is audited; the secret never is.

export const ZCreateWebhook = z.object({
  url: z.url({ protocol: /^https?$/, error: "Give the endpoint's http:// or https:// address" }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event"),
  format: z.enum(WEBHOOK_FORMATS).default("json"),
  /** Empty: one is generated (and shown once). */
  secret: z.string().trim().max(200).optional(),
});
export type TCreateWebhook = z.input<typeof ZCreateWebhook>;

export type TWebhookView = {
  id: string;
  url: string;
  events: TWebhookEvent[];
  format: TWebhookFormat;
  createdAt: string;
  createdBy: string | null;
  deliveries: {
    id: string;
    event: string;
    releaseName: string | null;
    status: "pending" | "delivered" | "failed";
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: string;
    deliveredAt: string | null;
  }[];
};

export async function createWebhook(actor: TActor, input: TCreateWebhook, db: TDb = getDb()): Promise<TResult<{ id: string; secret: string }>> {
  assertCan(actor, "webhooks:manage");
  const parsed = ZCreateWebhook.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the endpoint's address and events.", z.flattenError(parsed.error).fieldErrors);
  const { url, events, format } = parsed.data;
  const secret = parsed.data.secret || `whsec_${randomBytes(24).toString("base64url")}`;
  if (secret.length < 16) return fail("invalid", "A secret has at least 16 characters (or leave it empty for a generated one).", { secret: ["At least 16 characters"] });
  const created = await runTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({ data: { url, events: [...new Set(events)], format, secret, createdById: actor.id } });
    await recordAudit(tx, actor, { action: "webhook.create", entityType: "WebhookEndpoint", entityId: endpoint.id, after: { url, events: endpoint.events, format } });
    return endpoint;
  });
  forgetWebhookSubscriptions();
  return ok({ id: created.id, secret });
}

export async function deleteWebhook(actor: TActor, input: { endpointId: unknown }, db: TDb = getDb()): Promise<TResult<{ url: string }>> {
  assertCan(actor, "webhooks:manage", { entityType: "WebhookEndpoint", entityId: fieldOf(input, "endpointId") });
  const endpointId = z.uuid().safeParse(input.endpointId);
  if (!endpointId.success) return fail("not_found", "That endpoint does not exist.");
  const result = await runTransaction(db, async (tx) => {
    const [endpoint] = await tx.$queryRaw<{ url: string; events: string[]; format: string }[]>`
      DELETE FROM webhook_endpoints WHERE id = ${endpointId.data}::uuid RETURNING url, events, format`;
    if (!endpoint) return fail("not_found", "That endpoint does not exist.");
    await recordAudit(tx, actor, { action: "webhook.delete", entityType: "WebhookEndpoint", entityId: endpointId.data, before: { url: endpoint.url, events: endpoint.events, format: endpoint.format } });
    return ok({ url: endpoint.url });
  });
  forgetWebhookSubscriptions();
  return result;
}

/** Sends a delivery again (delivered, failed or still pending), with the same idempotency id. */
export async function redeliverWebhook(actor: TActor, input: { deliveryId: unknown }, db: TDb = getDb()): Promise<TResult<{ deliveryId: string }>> {
  assertCan(actor, "webhooks:manage", { entityType: "WebhookDelivery", entityId: fieldOf(input, "deliveryId") });
  const deliveryId = z.uuid().safeParse(input.deliveryId);
  if (!deliveryId.success) return fail("not_found", "That delivery does not exist.");
  return runTransaction(db, async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId.data }, select: { id: true, event: true, endpointId: true, status: true } });
    if (!delivery) return fail("not_found", "That delivery does not exist.");
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "pending" } });
    await addDeliveryJobs(tx, [delivery.id]);
    await recordAudit(tx, actor, {
      action: "webhook.redeliver",
      entityType: "WebhookDelivery",
      entityId: delivery.id,
      after: { endpointId: delivery.endpointId, event: delivery.event, previousStatus: delivery.status },
    });
    return ok({ deliveryId: delivery.id });
  });
}

/** The endpoints, each with its latest deliveries (the delivery log). */
export async function listWebhooks(actor: TActor, db: TDb = getDb(), deliveriesPerEndpoint = 20): Promise<TWebhookView[]> {
  assertCan(actor, "webhooks:manage");
  const endpoints = await db.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    include: {
      createdBy: { select: { email: true, name: true } },
      deliveries: { orderBy: { createdAt: "desc" }, take: deliveriesPerEndpoint, include: { release: { select: { name: true } } } },
    },
  });
  return endpoints.map((e) => ({
    id: e.id,
    url: e.url,
    events: e.events as TWebhookEvent[],
    format: e.format as TWebhookFormat,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy ? (e.createdBy.name ?? e.createdBy.email) : null,
    deliveries: e.deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      releaseName: d.release?.name ?? null,
      status: d.status as "pending" | "delivered" | "failed",
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  }));
}
