import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { isId } from "@/lib/http/params";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
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
  if (!isId(releaseId)) return null;
  const loaded = await loadReleaseVerdict(db, releaseId, now, { outsideTransaction: true });
  if (!loaded) return null;
  return { releaseId, name: loaded.release.name, ...loaded.verdict };
}
