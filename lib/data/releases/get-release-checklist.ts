import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { toReleaseHeader, type TReleaseHeader } from "@/lib/data/releases/release-header";
import { buildChecklistTree } from "@/lib/domain/checklist/flatten-checklist";
import { pickItemDefinition, type TChecklist } from "@/lib/domain/checklist/types";
import type { TVerdictItem } from "@/lib/domain/verdict/types";

export type TReleaseChecklist = {
  release: TReleaseHeader;
  checklist: TChecklist;
  verdictItems: TVerdictItem[];
};

/** A release's checklist as a tree (for export) and as verdict inputs. Null when it does not exist. */
export async function getReleaseChecklist(actor: TActor, releaseId: string, db: TDb = getDb()): Promise<TReleaseChecklist | null> {
  assertCan(actor, "release:read");
  const release = await db.release.findUnique({
    where: { id: releaseId },
    include: {
      templateVersion: { select: { title: true, number: true, levels: true } },
      sections: true,
      items: { include: { evidence: true, waivers: true } },
    },
  });
  if (!release) return null;

  const itemRows = release.items.map((item) => ({
    id: item.id,
    sectionId: item.sectionId,
    parentId: item.parentId,
    position: item.position,
    ...pickItemDefinition(item),
    status: item.status,
    owner: item.owner,
    naReason: item.naReason,
    evidenceLinks: item.evidence.flatMap((e) => (e.kind === "LINK" && e.url ? [e.url] : [])),
    ...(item.releaseOnly ? { releaseOnly: true } : {}),
  }));
  const sections = buildChecklistTree(release.sections, itemRows);

  return {
    release: toReleaseHeader(release),
    checklist: { title: release.name, mode: "tasks", levels: release.templateVersion.levels, sections, warnings: [] },
    verdictItems: release.items
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        key: item.key,
        text: item.text,
        kind: item.kind,
        severity: item.severity,
        status: item.status,
        evidenceRequired: item.evidenceRequired,
        evidenceMaxAgeDays: item.evidenceMaxAgeDays,
        requiredLevel: item.requiredLevel,
        naReason: item.naReason,
        evidence: item.evidence.map((e) => ({ addedAt: e.addedAt, expiresAt: e.expiresAt })),
        waivers: item.waivers.map((w) => ({ expiresAt: w.expiresAt, revokedAt: w.revokedAt })),
      })),
  };
}
