import "server-only";
import type { TDb } from "@/lib/db";
import { loadReplayEvents } from "@/lib/data/audit/load-replay-events";
import type { TReplayItem } from "@/lib/domain/audit/replay-release";
import { extendTimeline, type TTimelinePoint, type TTimelineProgress } from "@/lib/domain/dashboard/release-timeline";
import { getLogger } from "@/lib/log";

/** `definitions` is called only for a release with events to replay. */
export type TTimelineRelease = { id: string; levels: string[]; targetLevel: string | null; definitions: () => TReplayItem[] | Promise<TReplayItem[]> };

/** Bumped when the stored shape changes: rows of another format are replayed afresh. */
const FORMAT = 2; // 2: open blocking items counted by the verdict's rule (evidence, waivers)

/**
 * Each release's burndown and verdict history. Replayed from the audit trail, but only from
 * the event after the last one replayed before: release_timelines keeps each release's points
 * and state up to that event. A render after a few changes reads a few events, not the whole
 * history. The audit trail stays the record; the stored timelines are a cache of it.
 */
export async function loadReleaseTimelines(db: TDb, releases: TTimelineRelease[]): Promise<Map<string, TTimelinePoint[]>> {
  const result = new Map<string, TTimelinePoint[]>();
  if (releases.length === 0) return result;
  const ids = releases.map((r) => r.id);
  // Points and position first; the replay state (larger) only for releases with new events.
  const stored = await db.$queryRaw<{ releaseId: string; lastSeq: bigint; points: TTimelinePoint[] }[]>`
    SELECT release_id::text AS "releaseId", last_seq AS "lastSeq", points
    FROM release_timelines WHERE release_id = ANY(${ids}::uuid[]) AND format = ${FORMAT}`;
  const storedOf = new Map(stored.map((row) => [row.releaseId, row]));
  const eventsOf = await loadReplayEvents(db, ids, { afterSeq: new Map(stored.map((row) => [row.releaseId, row.lastSeq])) });
  const resuming = stored.filter((row) => (eventsOf.get(row.releaseId)?.length ?? 0) > 0).map((row) => row.releaseId);
  const states = resuming.length
    ? await db.$queryRaw<{ releaseId: string; lastSeq: bigint; state: TTimelineProgress["state"] }[]>`
        SELECT release_id::text AS "releaseId", last_seq AS "lastSeq", state FROM release_timelines WHERE release_id = ANY(${resuming}::uuid[])`
    : [];
  const stateOf = new Map(states.map((row) => [row.releaseId, row]));

  const changed: TTimelineProgress[] = [];
  const changedIds: string[] = [];
  for (const release of releases) {
    const row = storedOf.get(release.id);
    const events = eventsOf.get(release.id) ?? [];
    if (row && events.length === 0) {
      result.set(release.id, row.points);
      continue;
    }
    let before: TTimelineProgress | null = null;
    let replay = events;
    // A move to a newer template version changes the items themselves: replay that release afresh.
    if (row && events.some((event) => event.action === "release.template.move")) {
      replay = (await loadReplayEvents(db, [release.id])).get(release.id) ?? [];
    } else if (row) {
      const resumed = stateOf.get(release.id);
      if (resumed && resumed.lastSeq === row.lastSeq) before = { lastSeq: row.lastSeq.toString(), points: row.points, state: resumed.state };
      // Another render moved the row on between the two reads: replay this one afresh.
      else replay = (await loadReplayEvents(db, [release.id])).get(release.id) ?? [];
    }
    const progress = extendTimeline(await release.definitions(), before, replay, { levels: release.levels, targetLevel: release.targetLevel });
    result.set(release.id, progress.points);
    changed.push(progress);
    changedIds.push(release.id);
  }
  if (changed.length > 0) await storeTimelines(db, changedIds, changed);
  return result;
}

async function storeTimelines(db: TDb, ids: string[], progress: TTimelineProgress[]): Promise<void> {
  try {
    // Never moves a stored timeline backwards when two renders race.
    await db.$executeRaw`
      INSERT INTO release_timelines (release_id, last_seq, format, state, points, updated_at)
      SELECT t.release_id, t.last_seq, ${FORMAT}, t.state::jsonb, t.points::jsonb, now()
      FROM unnest(${ids}::uuid[], ${progress.map((p) => p.lastSeq)}::bigint[], ${progress.map((p) => JSON.stringify(p.state))}::text[], ${progress.map((p) => JSON.stringify(p.points))}::text[])
        AS t(release_id, last_seq, state, points)
      WHERE EXISTS (SELECT 1 FROM releases r WHERE r.id = t.release_id)
      ON CONFLICT (release_id) DO UPDATE
        SET last_seq = EXCLUDED.last_seq, format = EXCLUDED.format, state = EXCLUDED.state, points = EXCLUDED.points, updated_at = now()
        WHERE release_timelines.last_seq < EXCLUDED.last_seq OR release_timelines.format <> EXCLUDED.format`;
  } catch (error) {
    // A cache that cannot be written costs the next render a longer replay, nothing more.
    getLogger().warn({ err: error }, "could not store release timelines");
  }
}
