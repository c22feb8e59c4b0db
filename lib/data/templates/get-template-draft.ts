import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { ZDraftContent, type TDraftContent } from "@/lib/domain/checklist/template-draft";

export type TTemplateDraftView = {
  id: string;
  templateId: string | null;
  templateName: string | null;
  /** The version the draft started from, and the template's latest (they differ when one was published since). */
  baseNumber: number | null;
  latestNumber: number | null;
  version: number;
  content: TDraftContent;
  updatedAt: string;
  updatedBy: string | null;
};

export type TDraftSummary = { id: string; templateId: string | null; title: string; updatedAt: string; updatedBy: string | null };

const who = (user: { name: string | null; email: string } | null) => (user ? (user.name ?? user.email) : null);

export async function getTemplateDraft(actor: TActor, draftId: string, db: TDb = getDb()): Promise<TTemplateDraftView | null> {
  assertCan(actor, "template:edit", { entityType: "Template", entityId: draftId });
  const draft = await db.templateDraft.findUnique({
    where: { id: draftId },
    include: {
      template: { select: { name: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } } } },
      baseVersion: { select: { number: true } },
      updatedBy: { select: { name: true, email: true } },
    },
  });
  if (!draft) return null;
  // What was saved passed the same schema; a draft that no longer does opens empty rather than crashing the editor.
  const content = ZDraftContent.safeParse(draft.content);
  return {
    id: draft.id,
    templateId: draft.templateId,
    templateName: draft.template?.name ?? null,
    baseNumber: draft.baseVersion?.number ?? null,
    latestNumber: draft.template?.versions[0]?.number ?? null,
    version: draft.version,
    content: content.success ? content.data : { title: "", levels: [], sections: [] },
    updatedAt: draft.updatedAt.toISOString(),
    updatedBy: who(draft.updatedBy),
  };
}

/** Drafts in progress, newest first, for the templates page (titles read in SQL: a draft can be large). */
export async function listTemplateDrafts(actor: TActor, db: TDb = getDb()): Promise<TDraftSummary[]> {
  assertCan(actor, "template:edit");
  const drafts = await db.$queryRaw<{ id: string; templateId: string | null; title: string | null; templateName: string | null; updatedAt: Date; name: string | null; email: string | null }[]>`
    SELECT d.id, d.template_id AS "templateId", d.content->>'title' AS title, t.name AS "templateName",
           d.updated_at AS "updatedAt", u.name, u.email
    FROM template_drafts d
    LEFT JOIN checklist_templates t ON t.id = d.template_id
    LEFT JOIN users u ON u.id = d.updated_by_id
    ORDER BY d.updated_at DESC`;
  return drafts.map((d) => ({
    id: d.id,
    templateId: d.templateId,
    title: d.title?.trim() || d.templateName || "Untitled template",
    updatedAt: d.updatedAt.toISOString(),
    updatedBy: d.email ? who({ name: d.name, email: d.email }) : null,
  }));
}
