import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadReleaseTimelines } from "@/lib/data/dashboard/load-release-timelines";
import { pickItemDefinition } from "@/lib/domain/checklist/types";
import { idealLine, type TTimelinePoint } from "@/lib/domain/dashboard/release-timeline";

/** One release's burndown and verdict history, rebuilt from its audit events. */
export async function getReleaseTimeline(
  actor: TActor,
  releaseId: string,
  db: TDb = getDb(),
): Promise<{ points: TTimelinePoint[]; ideal: { at: string; ideal: number }[] } | null> {
  assertCan(actor, "release:read");
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: { targetLevel: true, targetDate: true, templateVersion: { select: { levels: true } } },
  });
  if (!release) return null;
  const timelines = await loadReleaseTimelines(db, [
    { id: releaseId, levels: release.templateVersion.levels, targetLevel: release.targetLevel, definitions: async () => (await db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } })).map((item) => ({ id: item.id, ...pickItemDefinition(item) })) },
  ]);
  const points = timelines.get(releaseId) ?? [];
  return { points, ideal: idealLine(points[0], release.targetDate?.toISOString().slice(0, 10) ?? null) };
}
