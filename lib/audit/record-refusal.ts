import "server-only";
import type { ForbiddenError } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { storableText } from "@/lib/data/text";
import { isId } from "@/lib/http/params";
import { getDb, type TDb } from "@/lib/db";
import { runTransaction } from "@/lib/data/run-transaction";
import { getLogger } from "@/lib/log";
import { countHit, lastWindowBefore, windowStartOf, type TRateLimit } from "@/lib/security/rate-limit";

/**
 * Refusals recorded one by one, per user and permission and minute. The rest are counted
 * (rate_limit_windows) and their number is written on the first refusal recorded in a later
 * minute: a signed-in user cannot flood the permanent log, and no refusal goes unaccounted.
 * Counts are kept 30 days, so the number is written however long the user waits to try again.
 */
export const REFUSAL_RECORDING: TRateLimit = { limit: 5, windowMs: 60_000, retainMs: 30 * 24 * 60 * 60_000 };

/** Refusals beyond the first few of the latest earlier minute, when there were any. */
async function suppressedBefore(db: TDb, key: string, now: number): Promise<{ suppressedBefore: number; suppressedSince: string } | null> {
  const earlier = await lastWindowBefore(db, key, new Date(windowStartOf(now, REFUSAL_RECORDING.windowMs)));
  if (!earlier || earlier.hits <= REFUSAL_RECORDING.limit) return null;
  return { suppressedBefore: earlier.hits - REFUSAL_RECORDING.limit, suppressedSince: earlier.windowStart.toISOString() };
}

/**
 * Records a signed-in user's refused request, naming the entity and the release it was aimed
 * at (when they exist). Like every release-scoped write, it takes the release's lock before
 * the audit chain's: lib/data/releases/write-release.ts. The count comes first, on its own
 * (one statement, no lock held after it), so a flood of refusals costs one upsert each.
 */
export async function recordRefusal(error: ForbiddenError, db: TDb = getDb(), now = Date.now()): Promise<void> {
  const { actor, permission, target } = error;
  const key = `refusal:${actor.id ?? actor.label}:${permission}`;
  const hits = await countHit(db, key, REFUSAL_RECORDING, now);
  if (hits > REFUSAL_RECORDING.limit) {
    if (hits === REFUSAL_RECORDING.limit + 1) {
      getLogger().warn({ userId: actor.id, permission, requestId: actor.requestId }, "refusals: further ones this minute are counted, not recorded one by one");
    }
    return;
  }
  // Only the minute's first recorded refusal reports the minute before: it is reported once.
  const suppressed = hits === 1 ? await suppressedBefore(db, key, now) : null;

  const entityId = typeof target?.entityId === "string" && target.entityId ? storableText(target.entityId).slice(0, 200) : null;
  await runTransaction(db, async (tx) => {
    let releaseId: string | null = null;
    if (target && isId(target.entityId)) {
      const rows =
        target.entityType === "ReleaseItem"
          ? await tx.$queryRaw<{ id: string }[]>`
              SELECT r.id::text AS id FROM releases r
              WHERE r.id = (SELECT release_id FROM release_items WHERE id = ${target.entityId}::uuid) FOR KEY SHARE`
          : target.entityType === "Release"
            ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM releases WHERE id = ${target.entityId}::uuid FOR KEY SHARE`
            : [];
      releaseId = rows[0]?.id ?? null;
    }
    await recordAudit(tx, actor, {
      action: "permission.denied",
      entityType: entityId ? target!.entityType : "Permission",
      entityId: entityId ?? permission,
      releaseId,
      after: { permission, ...(target ? { target: target.entityType } : {}), ...suppressed },
    });
  });
}
