import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { getReleaseChecklist } from "@/lib/data/releases/get-release-checklist";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdict } from "@/lib/domain/verdict/types";

export async function getReleaseVerdict(
  actor: TActor,
  releaseId: string,
  { now = new Date(), db = getDb() }: { now?: Date; db?: TDb } = {},
): Promise<(TVerdict & { releaseId: string; name: string }) | null> {
  const found = await getReleaseChecklist(actor, releaseId, db);
  if (!found) return null;
  const verdict = computeVerdict({
    items: found.verdictItems,
    levels: found.checklist.levels,
    targetLevel: found.release.targetLevel,
    now,
  });
  return { releaseId, name: found.release.name, ...verdict };
}
