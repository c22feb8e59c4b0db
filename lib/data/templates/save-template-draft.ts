import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { walkDraftItems, walkDraftSections, ZDraftContent } from "@/lib/domain/checklist/template-draft";
import type { Prisma } from "@/lib/generated/prisma/client";

export const ZSaveTemplateDraft = z.object({
  draftId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  content: ZDraftContent,
  /** Save over another admin's newer save, after the editor showed the conflict. */
  overwrite: z.boolean().optional(),
});
export type TSaveTemplateDraft = z.input<typeof ZSaveTemplateDraft>;

export type TSavedDraft = { version: number; savedAt: string };

/** Who saved a draft last and when, in words for a conflict message. */
export function describeLastSave(draft: { updatedAt: Date; updatedBy: { name: string | null; email: string } | null }): string {
  const who = draft.updatedBy ? (draft.updatedBy.name ?? draft.updatedBy.email) : "Someone";
  return `${who} saved this draft at ${draft.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Saves the editor's work over the draft it opened (version-checked: a second admin's save
 * is a conflict, not an overwrite, unless they chose to overwrite after seeing it). Drafts
 * may be incomplete; only what fits the limits is kept.
 */
export async function saveTemplateDraft(actor: TActor, input: TSaveTemplateDraft, db: TDb = getDb()): Promise<TResult<TSavedDraft>> {
  assertCan(actor, "template:edit", { entityType: "Template", entityId: fieldOf(input, "draftId") });
  const parsed = ZSaveTemplateDraft.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.find((issue) => issue.code === "custom")?.message ?? "The draft could not be saved: some of it is too long or not valid.";
    return fail("invalid", message);
  }
  const { draftId, expectedVersion, content, overwrite } = parsed.data;
  return runTransaction(db, async (tx) => {
    const current = await tx.templateDraft.findUnique({
      where: { id: draftId },
      select: { version: true, updatedAt: true, updatedBy: { select: { name: true, email: true } } },
    });
    if (!current) return fail("not_found", "This draft no longer exists: it was published or discarded.");
    if (current.version !== expectedVersion && !overwrite) {
      return fail("conflict", `${describeLastSave(current)}, after you opened it. Your latest change is not saved.`);
    }
    const version = current.version + 1;
    const updated = await tx.templateDraft.updateMany({
      where: { id: draftId, version: current.version },
      data: { content: content as Prisma.InputJsonValue, version, updatedById: actor.id, updatedAt: new Date() },
    });
    if (updated.count === 0) return fail("conflict", "Another admin saved this draft at the same moment. Your latest change is not saved.");
    await recordAudit(tx, actor, {
      action: "template.draft.save",
      entityType: "TemplateDraft",
      entityId: draftId,
      before: { version: current.version },
      after: {
        version,
        title: content.title,
        sections: [...walkDraftSections(content.sections)].length,
        items: [...walkDraftItems(content.sections)].length,
        ...(current.version !== expectedVersion ? { overwrote: true } : {}),
      },
    });
    return ok({ version, savedAt: new Date().toISOString() });
  });
}
