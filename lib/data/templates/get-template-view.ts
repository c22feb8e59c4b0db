import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadVersionChecklist } from "@/lib/data/templates/load-version-checklist";
import { walkSectionItems, type TChecklistSection } from "@/lib/domain/checklist/types";
import { diffVersions, type TVersionDiff } from "@/lib/domain/checklist/diff-versions";

export type TTemplateView = {
  id: string;
  name: string;
  description: string | null;
  versions: { id: string; number: number; publishedAt: string | null; author: string | null }[];
  shown: { number: number; levels: string[]; sections: TChecklistSection[] };
  diffFromPrevious: TVersionDiff | null;
  /** The template's draft in the editor, if any. */
  draft: { updatedAt: string; updatedBy: string | null } | null;
};

export async function getTemplateView(actor: TActor, templateId: string, versionNumber: number | null, db: TDb = getDb()): Promise<TTemplateView | null> {
  assertCan(actor, "template:read");
  const template = await db.checklistTemplate.findUnique({
    where: { id: templateId },
    include: {
      versions: { orderBy: { number: "desc" }, include: { author: { select: { email: true, name: true } } } },
      draft: { select: { updatedAt: true, updatedBy: { select: { email: true, name: true } } } },
    },
  });
  const shown = template?.versions.find((v) => versionNumber === null || v.number === versionNumber);
  if (!template || !shown) return null;
  const previous = template.versions.find((v) => v.number === shown.number - 1);
  const [checklist, previousItems] = await Promise.all([
    loadVersionChecklist(db, shown.id),
    previous ? db.templateItem.findMany({ where: { templateVersionId: previous.id } }) : Promise.resolve(null),
  ]);
  const items = checklist ? [...walkSectionItems(checklist.sections)].map(({ item }) => item) : [];
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    versions: template.versions.map((v) => ({
      id: v.id,
      number: v.number,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      author: v.author?.name ?? v.author?.email ?? null,
    })),
    shown: { number: shown.number, levels: shown.levels, sections: checklist?.sections ?? [] },
    diffFromPrevious: previousItems ? diffVersions(previousItems, items) : null,
    draft: template.draft ? { updatedAt: template.draft.updatedAt.toISOString(), updatedBy: template.draft.updatedBy?.name ?? template.draft.updatedBy?.email ?? null } : null,
  };
}

/** A version's Markdown as published (the latest when `versionNumber` is null), with what names the file. */
export async function getTemplateSource(
  actor: TActor,
  templateId: string,
  versionNumber: number | null,
  db: TDb = getDb(),
): Promise<{ markdown: string; title: string; number: number } | null> {
  assertCan(actor, "template:read");
  const version = await db.templateVersion.findFirst({
    where: { templateId, ...(versionNumber === null ? {} : { number: versionNumber }) },
    orderBy: { number: "desc" },
    select: { sourceMarkdown: true, title: true, number: true },
  });
  return version ? { markdown: version.sourceMarkdown, title: version.title, number: version.number } : null;
}
