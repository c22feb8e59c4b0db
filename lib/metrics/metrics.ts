import client from "prom-client";

// What operators scrape at /metrics (Prometheus text format): request durations of the API by
// route, release writes (ticks and every other change) and verdict computations, the
// database pools, and the webhook queue. prom-client's registry is one per process (it is a
// server external package, so every route loads the same module); the metrics are created
// once and found again by name.

const PREFIX = "preflight_";
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function histogram(name: string, help: string, labelNames: string[]): client.Histogram {
  const existing = client.register.getSingleMetric(PREFIX + name);
  return (existing as client.Histogram | undefined) ?? new client.Histogram({ name: PREFIX + name, help, labelNames, buckets: SECONDS });
}

const globalForMetrics = globalThis as unknown as { preflightDefaultMetrics?: boolean };

export function metricsRegistry(): client.Registry {
  if (!globalForMetrics.preflightDefaultMetrics) {
    globalForMetrics.preflightDefaultMetrics = true;
    client.collectDefaultMetrics({ prefix: PREFIX });
  }
  return client.register;
}

/** A REST API request, by method and route pattern (/api/v1/releases/{releaseId}). */
export function observeApiRequest(method: string, route: string, status: number, seconds: number): void {
  histogram("api_request_duration_seconds", "REST API requests by method, route and status", ["method", "route", "status"]).observe({ method, route, status: String(status) }, seconds);
}

/** One change to a release (a tick is item.status.update), from its transaction's start to its commit. */
export function observeReleaseWrite(action: string, outcome: "ok" | "refused" | "error", seconds: number): void {
  histogram("release_write_duration_seconds", "Release changes (ticks are item.status.update) by audit action and outcome", ["action", "outcome"]).observe({ action, outcome }, seconds);
}

/** One verdict computed from a release's items. */
export function observeVerdict(items: number, seconds: number): void {
  const size = items <= 100 ? "≤100" : items <= 1000 ? "≤1000" : ">1000";
  histogram("verdict_duration_seconds", "Verdict computations by release size (items)", ["size"]).observe({ size }, seconds);
}

type TPoolStats = { totalCount: number; idleCount: number; waitingCount: number };
const globalForPools = globalThis as unknown as { preflightPools?: Map<string, TPoolStats> };

/** A database pool whose use /metrics reports, by name. */
export function registerPool(name: string, pool: TPoolStats): void {
  (globalForPools.preflightPools ??= new Map()).set(name, pool);
  if (client.register.getSingleMetric(`${PREFIX}db_pool_connections`)) return;
  new client.Gauge({
    name: `${PREFIX}db_pool_connections`,
    help: "Database pool connections by pool and state (idle, busy) and callers waiting for one",
    labelNames: ["pool", "state"],
    collect() {
      this.reset();
      for (const [pool, stats] of globalForPools.preflightPools ?? []) {
        this.set({ pool, state: "idle" }, stats.idleCount);
        this.set({ pool, state: "busy" }, stats.totalCount - stats.idleCount);
        this.set({ pool, state: "waiting" }, stats.waitingCount);
      }
    },
  });
}

/** The webhook queue's depth, read when scraped (`read` counts the jobs waiting). */
export function registerQueueDepth(read: () => Promise<{ waiting: number; failed: number }>): void {
  if (client.register.getSingleMetric(`${PREFIX}webhook_queue_jobs`)) return;
  new client.Gauge({
    name: `${PREFIX}webhook_queue_jobs`,
    help: "Webhook deliveries queued (waiting) and given up (failed)",
    labelNames: ["state"],
    async collect() {
      try {
        const { waiting, failed } = await read();
        this.set({ state: "waiting" }, waiting);
        this.set({ state: "failed" }, failed);
      } catch {
        // The database is away: /readyz says so; the other metrics still answer.
      }
    },
  });
}
