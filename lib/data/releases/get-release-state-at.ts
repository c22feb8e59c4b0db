import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadReplayEvents } from "@/lib/data/audit/load-replay-events";
import { replayRelease, type TReleaseState } from "@/lib/domain/audit/replay-release";
import { pickItemDefinition } from "@/lib/domain/checklist/types";

/** The release as it was right after event `untilSeq` (or now, when null), rebuilt from its history. */
export async function getReleaseStateAt(actor: TActor, releaseId: string, untilSeq: bigint | null, db: TDb = getDb()): Promise<TReleaseState | null> {
  assertCan(actor, "audit:read");
  const release = await db.release.findUnique({
    where: { id: releaseId },
    include: { templateVersion: { select: { levels: true } }, items: { orderBy: { position: "asc" } } },
  });
  if (!release) return null;
  const events = (await loadReplayEvents(db, [releaseId], { withBefore: true })).get(releaseId) ?? [];
  return replayRelease(
    release.items.map((item) => ({ id: item.id, ...pickItemDefinition(item) })),
    events,
    { levels: release.templateVersion.levels, targetLevel: release.targetLevel, untilSeq },
  );
}
