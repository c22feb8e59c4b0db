import type { TDb } from "@/lib/db";

// A fixed-window counter per key, kept in the database so that every instance of the app
// counts the same attempts: two instances must not each grant the limit.

export type TRateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };
export type TRateLimit = { limit: number; windowMs: number };

/** The window `now` falls in, as its start time. */
export function windowStartOf(now: number, windowMs: number): number {
  return now - (now % windowMs);
}

/** Whether the `hits`-th attempt of a window is allowed, and if not, how long until the next window. */
export function decide(hits: number, { limit, windowMs }: TRateLimit, now: number): TRateLimitDecision {
  if (hits <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStartOf(now, windowMs) + windowMs - now) / 1000)) };
}

/** Counts one attempt for `key` and decides on it, atomically across instances. */
export async function hitRateLimit(db: TDb, key: string, rule: TRateLimit, now = Date.now()): Promise<TRateLimitDecision> {
  const windowStart = new Date(windowStartOf(now, rule.windowMs));
  const [row] = await db.$queryRaw<{ hits: number }[]>`
    INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
    RETURNING hits`;
  // Old windows are of no use; one attempt in a hundred sweeps them.
  if (Math.random() < 0.01) await db.$executeRaw`DELETE FROM rate_limit_windows WHERE window_start < ${new Date(now - 2 * rule.windowMs)}`;
  return decide(row!.hits, rule, now);
}
