import "server-only";
import { isUniqueViolation } from "@/lib/db-errors";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { loadVersionChecklist } from "@/lib/data/templates/load-version-checklist";
import { draftFromChecklist } from "@/lib/domain/checklist/draft-checklist";
import { draftSignOff, type TDraftContent } from "@/lib/domain/checklist/template-draft";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";

export const ZOpenTemplateDraft = z.object({
  /** Edit this template's latest version; absent: a new template from scratch. */
  templateId: z.uuid().optional(),
});
export type TOpenTemplateDraft = z.input<typeof ZOpenTemplateDraft>;

const EMPTY_DRAFT: TDraftContent = { title: "", levels: [], sections: [] };

/**
 * The draft to edit: a template's draft if it has one (admins share it), else a new one from
 * its latest version; without a template, a new empty draft. Creating one is audited.
 */
export async function openTemplateDraft(actor: TActor, input: TOpenTemplateDraft, db: TDb = getDb()): Promise<TResult<{ draftId: string; isNew: boolean }>> {
  assertCan(actor, "template:edit", { entityType: "Template", entityId: fieldOf(input, "templateId") });
  const parsed = ZOpenTemplateDraft.safeParse(input);
  if (!parsed.success) return fail("invalid", "That template cannot be edited.", z.flattenError(parsed.error).fieldErrors);
  const { templateId } = parsed.data;
  if (templateId) {
    const existing = await db.templateDraft.findUnique({ where: { templateId }, select: { id: true } });
    if (existing) return ok({ draftId: existing.id, isNew: false });
  }
  try {
    return await runTransaction(db, async (tx) => {
      let content = EMPTY_DRAFT;
      let base: { id: string; number: number } | null = null;
      if (templateId) {
        const latest = await tx.templateVersion.findFirst({ where: { templateId }, orderBy: { number: "desc" }, select: { id: true, number: true, signOffPolicy: true } });
        base = latest ? { id: latest.id, number: latest.number } : null;
        const checklist = base ? await loadVersionChecklist(tx, base.id) : null;
        if (!latest || !base || !checklist) return fail("not_found", "That template does not exist.");
        const template = await tx.checklistTemplate.findUniqueOrThrow({ where: { id: templateId }, select: { description: true } });
        // The version's seats, to edit (a version published before seats has the default one).
        const signOff = draftSignOff(readSignOffPolicy(latest.signOffPolicy), randomUUID);
        content = { ...draftFromChecklist(checklist, randomUUID), description: template.description ?? "", signOff };
      }
      const draft = await tx.templateDraft.create({
        data: { templateId: templateId ?? null, baseVersionId: base?.id ?? null, content, createdById: actor.id, updatedById: actor.id },
      });
      await recordAudit(tx, actor, {
        action: "template.draft.create",
        entityType: "TemplateDraft",
        entityId: draft.id,
        after: { templateId: templateId ?? null, baseVersion: base?.number ?? null, title: content.title },
      });
      return ok({ draftId: draft.id, isNew: true });
    });
  } catch (error) {
    // Another admin opened the template's draft at the same moment: theirs is the one to share.
    if (templateId && isUniqueViolation(error)) {
      const existing = await db.templateDraft.findUnique({ where: { templateId }, select: { id: true } });
      if (existing) return ok({ draftId: existing.id, isNew: false });
    }
    throw error;
  }
}
