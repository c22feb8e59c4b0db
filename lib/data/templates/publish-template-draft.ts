import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit, type TTx } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { writeTemplateVersion } from "@/lib/data/templates/import-template";
import { loadVersionChecklist } from "@/lib/data/templates/load-version-checklist";
import { checklistFromDraft, diffChecklists, draftProblems, type TDraftProblem, type TPublishDiff } from "@/lib/domain/checklist/draft-checklist";
import { ZDraftContent } from "@/lib/domain/checklist/template-draft";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";

export const ZDraftRef = z.object({ draftId: z.uuid(), expectedVersion: z.number().int().positive() });
export type TDraftRef = z.input<typeof ZDraftRef>;

export type TDraftReview = {
  /** The draft version reviewed: publishing it publishes exactly this. */
  version: number;
  problems: TDraftProblem[];
  diff: TPublishDiff;
  /** The version the draft started from, and the number publishing gives. */
  baseNumber: number | null;
  nextNumber: number;
  /** A version was published after the draft started: publishing would undo its changes. */
  staleBase: { latestNumber: number } | null;
};

type TDraftState = {
  templateId: string | null;
  version: number;
  description: string | null;
  review: TDraftReview;
  publish: () => ReturnType<typeof checklistFromDraft>;
};

/** Reads a draft as it would publish; `lock` takes its row for the publishing transaction. */
async function readDraft(tx: TTx | TDb, draftId: string, lock: boolean): Promise<TDraftState | null> {
  if (lock) await tx.$queryRaw`SELECT id FROM template_drafts WHERE id = ${draftId}::uuid FOR UPDATE`;
  const draft = await tx.templateDraft.findUnique({ where: { id: draftId }, include: { baseVersion: { select: { number: true } } } });
  if (!draft) return null;
  const content = ZDraftContent.parse(draft.content);
  const latest = draft.templateId
    ? await tx.templateVersion.findFirst({ where: { templateId: draft.templateId }, orderBy: { number: "desc" }, select: { id: true, number: true } })
    : null;
  const baseId = latest ? (draft.baseVersionId ?? latest.id) : null;
  const checklist = baseId ? await loadVersionChecklist(tx, baseId) : null;
  // The base version's seats, against which the draft's are reviewed (a version before seats has the default one).
  const base = baseId ? await tx.templateVersion.findUnique({ where: { id: baseId }, select: { signOffPolicy: true } }) : null;
  const before = checklist ? { ...checklist, signOff: readSignOffPolicy(base?.signOffPolicy) } : null;
  // Every key the template has had: a new item never takes the key of one removed earlier.
  const usedKeys = draft.templateId
    ? (await tx.templateItem.findMany({ where: { templateVersion: { templateId: draft.templateId } }, select: { key: true }, distinct: ["key"] })).map((i) => i.key)
    : [];
  const publish = () => checklistFromDraft(content, usedKeys);
  return {
    templateId: draft.templateId,
    version: draft.version,
    description: content.description?.trim() || null,
    publish,
    review: {
      version: draft.version,
      problems: draftProblems(content),
      diff: diffChecklists(before, publish()),
      baseNumber: draft.baseVersion?.number ?? null,
      nextNumber: (latest?.number ?? 0) + 1,
      staleBase: latest && draft.baseVersionId !== latest.id ? { latestNumber: latest.number } : null,
    },
  };
}

const GONE = "This draft no longer exists: it was published or discarded.";

/** What publishing the draft would change, and what stops it, for the admin to review first. */
export async function reviewTemplateDraft(actor: TActor, input: { draftId: unknown }, db: TDb = getDb()): Promise<TResult<TDraftReview>> {
  assertCan(actor, "template:edit", { entityType: "Template", entityId: fieldOf(input, "draftId") });
  const draftId = z.uuid().safeParse(input.draftId);
  if (!draftId.success) return fail("not_found", GONE);
  const state = await readDraft(db, draftId.data, false);
  return state ? ok(state.review) : fail("not_found", GONE);
}

/**
 * Publishes the draft the admin reviewed (its version) as a new immutable template version
 * (a new template for a draft from scratch) and deletes the draft, in one transaction.
 */
export async function publishTemplateDraft(actor: TActor, input: TDraftRef, db: TDb = getDb()): Promise<TResult<{ templateId: string; number: number }>> {
  assertCan(actor, "template:edit", { entityType: "Template", entityId: fieldOf(input, "draftId") });
  const parsed = ZDraftRef.safeParse(input);
  if (!parsed.success) return fail("invalid", "The publish request is not valid.");
  const { draftId, expectedVersion } = parsed.data;
  return runTransaction(db, async (tx) => {
    const state = await readDraft(tx, draftId, true);
    if (!state) return fail("not_found", GONE);
    if (state.version !== expectedVersion) return fail("conflict", "The draft changed after you reviewed it. Review it again before publishing.");
    const { problems, staleBase, diff } = state.review;
    if (problems.length > 0) return fail("invalid", `The draft cannot be published yet: ${problems[0]!.message}`);
    if (staleBase) {
      return fail("conflict", `Version ${staleBase.latestNumber} was published after this draft was started; publishing would undo its changes. Discard this draft and edit the latest version.`);
    }
    const checklist = state.publish();
    const published = await writeTemplateVersion(tx, actor, exportMarkdown(checklist), checklist, state.templateId ?? undefined, {
      draftId,
      added: diff.added.length,
      removed: diff.removed.length,
      changed: diff.changed.length,
    });
    await tx.checklistTemplate.update({ where: { id: published.templateId }, data: { description: state.description } });
    await tx.templateDraft.delete({ where: { id: draftId } });
    return ok({ templateId: published.templateId, number: published.number });
  });
}

/** Throws a draft away (audited with what it was). */
export async function discardTemplateDraft(actor: TActor, input: { draftId: unknown }, db: TDb = getDb()): Promise<TResult<{ templateId: string | null }>> {
  assertCan(actor, "template:edit", { entityType: "Template", entityId: fieldOf(input, "draftId") });
  const draftId = z.uuid().safeParse(input.draftId);
  if (!draftId.success) return fail("not_found", GONE);
  return runTransaction(db, async (tx) => {
    const [draft] = await tx.$queryRaw<{ templateId: string | null; version: number; title: string | null }[]>`
      DELETE FROM template_drafts WHERE id = ${draftId.data}::uuid
      RETURNING template_id AS "templateId", version, content->>'title' AS title`;
    if (!draft) return fail("not_found", GONE);
    await recordAudit(tx, actor, {
      action: "template.draft.discard",
      entityType: "TemplateDraft",
      entityId: draftId.data,
      before: { templateId: draft.templateId, version: draft.version, title: draft.title ?? "" },
    });
    return ok({ templateId: draft.templateId });
  });
}
