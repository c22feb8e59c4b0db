import { Logger, run, type Runner, type Task } from "graphile-worker";
import { getDb, type TDb } from "@/lib/db";
import { DELIVER_TASK } from "@/lib/data/webhooks/enqueue-webhooks";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, webhookBody, type TWebhookFormat, type TWebhookOccurrence } from "@/lib/domain/webhooks/webhook-events";
import { getLogger } from "@/lib/log";

// Delivers queued webhooks (docs/decisions/0010-webhooks.md). graphile-worker locks each job
// for one worker, so any number of app instances share the queue and a delivery is sent by
// one of them; a failure is retried with backoff until MAX_ATTEMPTS. A receiver must still
// expect a rare repeat (a process that dies after sending but before recording it): the
// Preflight-Delivery id is the same each time, so it can ignore one it has seen.

const TIMEOUT_MS = 10_000;

/** Sends one delivery and records the attempt; throws (so graphile-worker retries) when the receiver did not take it. */
export async function deliverWebhook(deliveryId: string, { db = getDb(), attempt, maxAttempts, baseUrl }: { db?: TDb; attempt: number; maxAttempts: number; baseUrl?: string | null }): Promise<void> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  // Its endpoint was deleted (the delivery with it), or it was delivered by a redelivery meanwhile.
  if (!delivery || delivery.status === "delivered") return;
  const occurrence = delivery.payload as unknown as TWebhookOccurrence;
  const releaseUrl = baseUrl && occurrence.release?.id ? new URL(`/releases/${occurrence.release.id}`, baseUrl).toString() : null;
  const body = webhookBody(delivery.endpoint.format as TWebhookFormat, delivery.id, occurrence, delivery.createdAt.toISOString(), releaseUrl);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.endpoint.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Preflight-Webhooks/1",
        [SIGNATURE_HEADER]: signWebhook(delivery.endpoint.secret, body, Math.floor(Date.now() / 1000)),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.event,
      },
      body,
    });
    statusCode = response.status;
    await response.body?.cancel();
    if (statusCode < 200 || statusCode >= 300) error = `The endpoint answered ${statusCode}`;
  } catch (cause) {
    error = cause instanceof Error ? (cause.name === "TimeoutError" ? `No answer within ${TIMEOUT_MS / 1000} s` : cause.message) : String(cause);
  }
  const isDelivered = error === null;
  const isLast = !isDelivered && attempt >= maxAttempts;
  await db.$transaction([
    db.webhookAttempt.create({ data: { deliveryId, statusCode, error, durationMs: Date.now() - started } }),
    db.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: { increment: 1 },
        lastStatusCode: statusCode,
        lastError: error,
        ...(isDelivered ? { status: "delivered", deliveredAt: new Date() } : isLast ? { status: "failed" } : {}),
      },
    }),
  ]);
  if (!isDelivered) throw new Error(`webhook ${deliveryId}: ${error}`);
}

const deliverTask: Task = async (payload, helpers) => {
  const { deliveryId } = payload as { deliveryId: string };
  await deliverWebhook(deliveryId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, baseUrl: process.env.NEXTAUTH_URL ?? null });
};

/** Starts delivering webhooks from this process (stop it with `runner.stop()`). */
export async function startWebhookWorker(connectionString: string, { concurrency = 2, pollInterval = 2_000 }: { concurrency?: number; pollInterval?: number } = {}): Promise<Runner> {
  const log = getLogger();
  return run({
    connectionString,
    concurrency,
    pollInterval,
    noHandleSignals: true,
    taskList: { [DELIVER_TASK]: deliverTask },
    logger: new Logger(() => (level, message) => {
      // A failed attempt is retried (the delivery log has it): a warning, not an error.
      if (level === "error" && !message.startsWith("Failed task")) log.error({ component: "webhooks" }, message);
      else if (level === "error") log.warn({ component: "webhooks" }, message);
      else if (level === "warning") log.warn({ component: "webhooks" }, message);
    }),
  });
}
