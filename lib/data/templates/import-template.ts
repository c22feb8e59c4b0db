import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { DEFAULT_SIGN_OFF_POLICY } from "@/lib/domain/sign-off/sign-off-policy";
import { bulkInsert, itemDefinitionColumns, type TBulkColumn } from "@/lib/data/bulk-insert";
import { flattenChecklist, type TItemRow, type TSectionRow } from "@/lib/domain/checklist/flatten-checklist";
import { IMPORT_MODES, type TChecklist } from "@/lib/domain/checklist/types";
import { sha256Hex } from "@/lib/domain/hashing";
import { fail, ok, type TResult } from "@/lib/data/result";
import type { TTx } from "@/lib/audit/record-audit";
import { runTransaction } from "@/lib/data/run-transaction";
import { ZSectionRoles } from "@/lib/domain/markdown/section-roles";
import { parseChecklistSafely } from "@/lib/markdown-worker/parse-checklist-safely";

export const ZImportTemplate = z.object({
  source: zText(),
  mode: z.enum(IMPORT_MODES).optional(),
  /** Publish a new version of this template instead of creating a template. */
  templateId: z.uuid().optional(),
  /** Section roles chosen in the preview, by section number. */
  sectionRoles: ZSectionRoles.optional(),
});
export type TImportTemplate = z.infer<typeof ZImportTemplate>;

export type TImportedTemplate = { templateId: string; versionId: string; number: number; checklist: TChecklist };

/** Imports a readiness document as a published template version. Bad input writes nothing. */
export async function importTemplate(
  actor: TActor,
  input: TImportTemplate,
  db: TDb = getDb(),
): Promise<TResult<TImportedTemplate>> {
  assertCan(actor, "template:import");
  const parsedInput = ZImportTemplate.safeParse(input);
  if (!parsedInput.success) return fail("invalid", "The import request is not valid.", z.flattenError(parsedInput.error).fieldErrors);
  const { mode, sectionRoles } = parsedInput.data;
  const parsed = await parseChecklistSafely(parsedInput.data.source, { mode, sectionRoles });
  if (!parsed.ok) return fail("invalid", parsed.error);
  const { templateId } = parsedInput.data;
  if (templateId && !(await db.checklistTemplate.findUnique({ where: { id: templateId }, select: { id: true } }))) {
    return fail("not_found", "That template does not exist.");
  }
  const data = await runTransaction(db, (tx) => writeTemplateVersion(tx, actor, parsedInput.data.source, parsed.checklist, templateId));
  return ok(data);
}

/** Inserts a template (when templateId is absent) and a published version; shared by release import. */
export async function writeTemplateVersion(
  tx: TTx,
  actor: TActor,
  source: string,
  checklist: TChecklist,
  templateId?: string,
  fromDraft?: { draftId: string; added: number; removed: number; changed: number },
): Promise<TImportedTemplate> {
  const template = templateId
    ? await tx.checklistTemplate.update({ where: { id: templateId }, data: { version: { increment: 1 } } })
    : await tx.checklistTemplate.create({ data: { name: checklist.title, createdById: actor.id } });
  const last = await tx.templateVersion.findFirst({ where: { templateId: template.id }, orderBy: { number: "desc" } });
  const number = (last?.number ?? 0) + 1;
  const version = await tx.templateVersion.create({
    data: {
      templateId: template.id,
      number,
      title: checklist.title,
      sourceMarkdown: source,
      contentHash: sha256Hex(source),
      importMode: checklist.mode,
      levels: checklist.levels,
      signOffPolicy: checklist.signOff ?? DEFAULT_SIGN_OFF_POLICY,
      authorId: actor.id,
      publishedAt: new Date(),
    },
  });
  const rows = flattenChecklist(checklist.sections);
  const sectionColumns: TBulkColumn<TSectionRow>[] = [
    { column: "id", type: "uuid", value: (s) => s.id },
    { column: "template_version_id", type: "uuid", value: () => version.id },
    { column: "parent_id", type: "uuid", value: (s) => s.parentId },
    { column: "position", type: "integer", value: (s) => s.position },
    { column: "title", type: "text", value: (s) => s.title },
  ];
  await bulkInsert(tx, "template_sections", sectionColumns, rows.sections);
  const itemColumns: TBulkColumn<TItemRow>[] = [
    { column: "id", type: "uuid", value: (i) => i.id },
    { column: "template_version_id", type: "uuid", value: () => version.id },
    { column: "section_id", type: "uuid", value: (i) => i.sectionId },
    { column: "parent_id", type: "uuid", value: (i) => i.parentId },
    { column: "position", type: "integer", value: (i) => i.position },
    ...itemDefinitionColumns<TItemRow>(),
    { column: "default_owner", type: "text", value: (i) => i.owner },
  ];
  await bulkInsert(tx, "template_items", itemColumns, rows.items);
  await recordAudit(tx, actor, {
    action: templateId ? "template.version.publish" : "template.import",
    entityType: "TemplateVersion",
    entityId: version.id,
    after: { templateId: template.id, number, title: checklist.title, items: rows.items.length, mode: checklist.mode, ...(fromDraft ? { fromDraft } : {}) },
  });
  return { templateId: template.id, versionId: version.id, number, checklist };
}
