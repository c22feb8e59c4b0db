import "server-only";
import type { TDb } from "@/lib/db";
import type { TReplayEvent } from "@/lib/domain/audit/replay-release";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The releases' audit events in chain order, grouped by release, with only the columns a
 * replay reads. `before` is read only when asked: it serves wording, not state.
 */
export async function loadReplayEvents(db: TDb, releaseIds: string[], { withBefore = false } = {}): Promise<Map<string, TReplayEvent[]>> {
  const byRelease = new Map<string, TReplayEvent[]>(releaseIds.map((id) => [id, []]));
  if (releaseIds.length === 0) return byRelease;
  const rows = await db.$queryRaw<(TReplayEvent & { releaseId: string })[]>`
    SELECT seq, action, entity_id AS "entityId", entity_type AS "entityType", actor_label AS "actorLabel",
           created_at AS "createdAt", release_id::text AS "releaseId", after,
           ${withBefore ? Prisma.sql`before` : Prisma.sql`NULL::jsonb`} AS before
    FROM audit_events WHERE release_id = ANY(${releaseIds}::uuid[]) ORDER BY seq`;
  for (const { releaseId, ...event } of rows) byRelease.get(releaseId)?.push(event);
  return byRelease;
}
