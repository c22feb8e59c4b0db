import "server-only";
import { z } from "zod";
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
  if (!z.uuid().safeParse(releaseId).success) return null;
  // One round trip for the release and its levels (a nested select costs a second one).
  const [release] = await db.$queryRaw<{ id: string; name: string; targetLevel: string | null; levels: string[] }[]>`
    SELECT r.id::text AS id, r.name, r.target_level AS "targetLevel", tv.levels
    FROM releases r JOIN template_versions tv ON tv.id = r.template_version_id
    WHERE r.id = ${releaseId}::uuid`;
  if (!release) return null;
  const [withItems] = await loadReleaseItems(db, [release]);
  const verdict = computeVerdict({ items: withItems!.items, levels: release.levels, targetLevel: release.targetLevel, now });
  return { releaseId, name: release.name, ...verdict };
}
