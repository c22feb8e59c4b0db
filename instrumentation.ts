// Runs once when the server starts: a server with an invalid environment refuses to run.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidEnv } = await import("@/lib/env");
  exitOnInvalidEnv();
  // Every instance delivers webhooks from the shared queue (docs/decisions/0010-webhooks.md),
  // unless told not to; a queue that cannot start is logged, and the app serves anyway.
  // The embedded database (npm start without DATABASE_URL) cannot run the queue: deliveries
  // wait there, and the webhooks page says so.
  if (process.env.PREFLIGHT_WEBHOOKS !== "off" && process.env.PREFLIGHT_EMBEDDED_DATABASE !== "1" && process.env.DATABASE_URL) {
    const [{ startWebhookWorker }, { getLogger }] = await Promise.all([import("@/lib/webhooks/webhook-worker"), import("@/lib/log")]);
    startWebhookWorker(process.env.DATABASE_URL).catch((error: unknown) => {
      getLogger().error({ err: error instanceof Error ? error.message : String(error) }, "webhook delivery could not start");
    });
  }
}
