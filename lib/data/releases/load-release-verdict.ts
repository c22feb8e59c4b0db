import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";
import { loadReleaseItems } from "@/lib/data/releases/load-release-items";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import { observeVerdict } from "@/lib/metrics/metrics";

export type TReleaseRules = { id: string; name: string; status: TReleaseStatus; targetLevel: string | null; levels: string[] };

/**
 * A release's verdict now, from the one verdict input (loadReleaseItems): the banner, the
 * page's live state, the CLI and sign-off (inside its locked transaction) all read it here.
 * One round trip for the release and its levels (a nested select costs a second one).
 */
export async function loadReleaseVerdict(db: TDb | TTx, releaseId: string, now: Date) {
  const [release] = await db.$queryRaw<TReleaseRules[]>`
    SELECT r.id::text AS id, r.name, r.status::text AS status, r.target_level AS "targetLevel", tv.levels
    FROM releases r JOIN template_versions tv ON tv.id = r.template_version_id
    WHERE r.id = ${releaseId}::uuid`;
  if (!release) return null;
  const { items } = (await loadReleaseItems(db, [release]))[0]!;
  const started = performance.now();
  const verdict = computeVerdict({ items, levels: release.levels, targetLevel: release.targetLevel, now });
  observeVerdict(items.length, (performance.now() - started) / 1000);
  return { release, items, verdict };
}
