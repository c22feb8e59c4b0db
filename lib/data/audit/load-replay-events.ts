import "server-only";
import type { TDb } from "@/lib/db";
import type { TReplayEvent } from "@/lib/domain/audit/replay-release";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The releases' audit events in chain order, grouped by release, with only the columns a
 * replay reads. `before` is read only when asked: it serves wording, not state. With
 * `afterSeq`, only each release's events after that sequence number (one index range per
 * release, on (release_id, seq)).
 */
export async function loadReplayEvents(
  db: TDb,
  releaseIds: string[],
  { withBefore = false, afterSeq }: { withBefore?: boolean; afterSeq?: Map<string, bigint> } = {},
): Promise<Map<string, TReplayEvent[]>> {
  const byRelease = new Map<string, TReplayEvent[]>(releaseIds.map((id) => [id, []]));
  if (releaseIds.length === 0) return byRelease;
  const after = releaseIds.map((id) => (afterSeq?.get(id) ?? 0n).toString());
  const rows = await db.$queryRaw<(TReplayEvent & { releaseId: string })[]>`
    SELECT e.seq, e.action, e.entity_id AS "entityId", e.entity_type AS "entityType", e.actor_label AS "actorLabel",
           e.created_at AS "createdAt", t.release_id::text AS "releaseId", e.after,
           ${withBefore ? Prisma.sql`e.before` : Prisma.sql`NULL::jsonb`} AS before
    FROM unnest(${releaseIds}::uuid[], ${after}::bigint[]) AS t(release_id, after_seq)
    CROSS JOIN LATERAL (
      SELECT * FROM audit_events WHERE release_id = t.release_id AND seq > t.after_seq ORDER BY seq
    ) AS e
    ORDER BY e.seq`;
  for (const { releaseId, ...event } of rows) byRelease.get(releaseId)?.push(event);
  return byRelease;
}
