import type { TTx } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TWebhookEvent, TWebhookOccurrence } from "@/lib/domain/webhooks/webhook-events";

// Webhook deliveries are written in the transaction of the change they report, each with its
// graphile-worker job (docs/decisions/0010-webhooks.md): a rolled-back change sends nothing,
// and a committed one is delivered even if this process dies the moment after.

/** The task that delivers one webhook (lib/webhooks/webhook-worker.ts). */
export const DELIVER_TASK = "deliver_webhook";
/** Attempts before a delivery is given up (graphile-worker backs off exponentially: about 1 s, 7 s, 20 s, 55 s, 2.5 min, 7 min, 18 min). */
export const MAX_ATTEMPTS = 8;

const SUBSCRIPTIONS_TTL_MS = 5_000;
let subscriptions: { at: number; events: Set<string> } | null = null;

/** Forget the cached subscriptions (an endpoint was added or removed in this process). */
export function forgetWebhookSubscriptions(): void {
  subscriptions = null;
}

/**
 * The events some endpoint wants, read at most every 5 s per process: a release write asks on
 * every change, and most instances have no endpoint at all. Another instance's new endpoint is
 * seen within 5 s.
 */
export async function subscribedWebhookEvents(tx: TTx): Promise<Set<string>> {
  if (subscriptions && Date.now() - subscriptions.at < SUBSCRIPTIONS_TTL_MS) return subscriptions.events;
  const rows = await tx.$queryRaw<{ event: string }[]>`SELECT DISTINCT unnest(events) AS event FROM webhook_endpoints`;
  subscriptions = { at: Date.now(), events: new Set(rows.map((r) => r.event)) };
  return subscriptions.events;
}

/** Queues one delivery per subscribed endpoint and occurrence, with its job; returns their ids. */
export async function enqueueWebhooks(tx: TTx, occurrences: TWebhookOccurrence[]): Promise<string[]> {
  if (occurrences.length === 0) return [];
  const events = [...new Set(occurrences.map((o) => o.event))] as TWebhookEvent[];
  const endpoints = await tx.webhookEndpoint.findMany({ where: { events: { hasSome: events } }, select: { id: true, events: true } });
  const ids: string[] = [];
  for (const occurrence of occurrences) {
    for (const endpoint of endpoints.filter((e) => e.events.includes(occurrence.event))) {
      const delivery = await tx.webhookDelivery.create({
        data: { endpointId: endpoint.id, event: occurrence.event, releaseId: occurrence.release.id, payload: occurrence as unknown as Prisma.InputJsonValue },
        select: { id: true },
      });
      ids.push(delivery.id);
    }
  }
  await addDeliveryJobs(tx, ids);
  return ids;
}

/** One graphile-worker job per delivery, keyed by its id (a redelivery of a queued one replaces it). */
export async function addDeliveryJobs(tx: TTx, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${DELIVER_TASK}, json_build_object('deliveryId', id), max_attempts => ${MAX_ATTEMPTS}, job_key => id)
    FROM unnest(${deliveryIds}::text[]) AS id`;
}
