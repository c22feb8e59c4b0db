import "server-only";
import type { TDb } from "@/lib/db";
import type { TTx } from "@/lib/audit/record-audit";
import { buildChecklistTree } from "@/lib/domain/checklist/flatten-checklist";
import type { TChecklist } from "@/lib/domain/checklist/types";

export type TVersionChecklist = Pick<TChecklist, "title" | "levels" | "sections">;

/** A published version as a checklist tree; each item's owner is its default owner. */
export async function loadVersionChecklist(db: TDb | TTx, versionId: string): Promise<TVersionChecklist | null> {
  const [version, sections, items] = await Promise.all([
    db.templateVersion.findUnique({ where: { id: versionId }, select: { title: true, levels: true } }),
    db.templateSection.findMany({ where: { templateVersionId: versionId } }),
    db.templateItem.findMany({ where: { templateVersionId: versionId } }),
  ]);
  if (!version) return null;
  const rows = items.map((item) => ({ ...item, status: "OPEN" as const, owner: item.defaultOwner, naReason: null, evidenceLinks: [] }));
  return { title: version.title, levels: version.levels, sections: buildChecklistTree(sections, rows) };
}
