import type { TDb } from "@/lib/db";

// A fixed-window counter per key, kept in the database so that every instance of the app
// counts the same attempts: two instances must not each grant the limit.

export type TRateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };
/** `retainMs`: how long past windows are kept for `lastWindowBefore` (default two windows). */
export type TRateLimit = { limit: number; windowMs: number; retainMs?: number };

/** The window `now` falls in, as its start time. */
export function windowStartOf(now: number, windowMs: number): number {
  return now - (now % windowMs);
}

/** Whether the `hits`-th attempt of a window is allowed, and if not, how long until the next window. */
export function decide(hits: number, { limit, windowMs }: TRateLimit, now: number): TRateLimitDecision {
  if (hits <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStartOf(now, windowMs) + windowMs - now) / 1000)) };
}

/** The keys a sweep may delete: those of the same use (`sign-in:`, `refusal:`), kept as long as that use says. */
function namespaceOf(key: string): string {
  const colon = key.indexOf(":");
  return colon === -1 ? key : key.slice(0, colon + 1);
}

/** Counts one attempt for `key` in the window of `now`: the attempt's number in that window, atomically across instances. */
export async function countHit(db: TDb, key: string, rule: TRateLimit, now = Date.now()): Promise<number> {
  const windowStart = new Date(windowStartOf(now, rule.windowMs));
  const [row] = await db.$queryRaw<{ hits: number }[]>`
    INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
    RETURNING hits`;
  // Old windows are of no use; one attempt in a hundred sweeps those of its own kind.
  if (Math.random() < 0.01) {
    const before = new Date(now - (rule.retainMs ?? 2 * rule.windowMs));
    await db.$executeRaw`DELETE FROM rate_limit_windows WHERE starts_with(key, ${namespaceOf(key)}) AND window_start < ${before}`;
  }
  return row!.hits;
}

/** Counts one attempt for `key` and decides on it, atomically across instances. */
export async function hitRateLimit(db: TDb, key: string, rule: TRateLimit, now = Date.now()): Promise<TRateLimitDecision> {
  return decide(await countHit(db, key, rule, now), rule, now);
}

/** The latest window of `key` that started before `windowStart`, if one is still kept. */
export async function lastWindowBefore(db: TDb, key: string, windowStart: Date): Promise<{ windowStart: Date; hits: number } | null> {
  const [row] = await db.$queryRaw<{ window_start: Date; hits: number }[]>`
    SELECT window_start, hits FROM rate_limit_windows WHERE key = ${key} AND window_start < ${windowStart}
    ORDER BY window_start DESC LIMIT 1`;
  return row ? { windowStart: row.window_start, hits: row.hits } : null;
}
