import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadReleaseItems } from "@/lib/data/releases/load-release-items";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdict } from "@/lib/domain/verdict/types";

/**
 * A release's verdict now. Runs after every tick (the banner's answer), so it reads only
 * what the verdict needs: the items' rules and states, evidence and waiver dates.
 */
export async function getReleaseVerdict(
  actor: TActor,
  releaseId: string,
  { now = new Date(), db = getDb() }: { now?: Date; db?: TDb } = {},
): Promise<(TVerdict & { releaseId: string; name: string }) | null> {
  assertCan(actor, "release:read");
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: { id: true, name: true, targetLevel: true, templateVersion: { select: { levels: true } } },
  });
  if (!release) return null;
  const [withItems] = await loadReleaseItems(db, [release]);
  const verdict = computeVerdict({ items: withItems!.items, levels: release.templateVersion.levels, targetLevel: release.targetLevel, now });
  return { releaseId, name: release.name, ...verdict };
}
