import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadReleasesVerdictItems } from "@/lib/data/releases/load-release-verdict";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

export type TReleaseListItem = {
  id: string;
  name: string;
  service: string;
  version: string;
  environment: string;
  status: TReleaseStatus;
  targetDate: string | null;
  verdict: TVerdictValue;
  percent: number;
  reasons: number;
  blockingLeft: number;
  firstReason: { message: string; itemText: string | null } | null;
  owner: string | null;
  ownerId: string | null;
  createdAt: string;
};

/** Every release (or those `where` keeps, found in SQL before any verdict is computed), newest first, with its verdict as of now. */
export async function listReleases(
  actor: TActor,
  { now = new Date(), db = getDb(), where }: { now?: Date; db?: TDb; where?: Prisma.ReleaseWhereInput } = {},
): Promise<TReleaseListItem[]> {
  assertCan(actor, "release:read");
  const rows = await db.release.findMany({
    where,
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { email: true, name: true } }, templateVersion: { select: { levels: true } } },
  });
  // Items, evidence and waivers as the verdict reads them: flat queries, not nested loads.
  const releases = await loadReleasesVerdictItems(db, rows);
  return releases.map((release) => {
    const verdict = computeVerdict({ items: release.items, levels: release.templateVersion.levels, targetLevel: release.targetLevel, now });
    return {
      id: release.id,
      name: release.name,
      service: release.service,
      version: release.version,
      environment: release.environment,
      status: release.status,
      targetDate: release.targetDate?.toISOString().slice(0, 10) ?? null,
      verdict: verdict.verdict,
      percent: verdict.progress.percent,
      reasons: verdict.reasons.length,
      blockingLeft: verdict.progress.total - verdict.progress.satisfied,
      firstReason: verdict.reasons[0] ? { message: verdict.reasons[0].message, itemText: verdict.reasons[0].itemText ?? null } : null,
      owner: release.createdBy?.name ?? release.createdBy?.email ?? null,
      ownerId: release.createdById,
      createdAt: release.createdAt.toISOString(),
    };
  });
}
