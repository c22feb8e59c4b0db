import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { metricsRegistry, registerQueueDepth } from "@/lib/metrics/metrics";
import { metricsAccess } from "@/lib/metrics/metrics-access";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this process. In production they are off unless
 * PREFLIGHT_METRICS_TOKEN is set, and then the scraper sends it as a bearer token.
 */
export async function GET(request: Request) {
  const env = getEnv();
  const access = metricsAccess({ token: env.PREFLIGHT_METRICS_TOKEN, isProduction: env.NODE_ENV === "production" }, request.headers.get("authorization"));
  if (access === "off") {
    return new Response("Metrics are off: set PREFLIGHT_METRICS_TOKEN to turn them on.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (access === "unauthorized") {
    return new Response("Send the metrics token: Authorization: Bearer <PREFLIGHT_METRICS_TOKEN>.\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  registerQueueDepth(async () => {
    const [row] = await getDb().$queryRaw<{ waiting: number; failed: number }[]>`
      SELECT (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending') AS waiting,
             (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'failed') AS failed`;
    return row ?? { waiting: 0, failed: 0 };
  });
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
