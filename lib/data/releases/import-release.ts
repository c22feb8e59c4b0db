import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { snapshotRelease, ZCreateRelease, type TInitialItemState } from "@/lib/data/releases/create-release";
import { writeTemplateVersion } from "@/lib/data/templates/import-template";
import { walkSectionItems, IMPORT_MODES } from "@/lib/domain/checklist/types";
import { runTransaction } from "@/lib/data/run-transaction";
import { parseChecklistSafely } from "@/lib/markdown-worker/parse-checklist-safely";

export const ZImportRelease = ZCreateRelease.omit({ templateVersionId: true }).extend({
  source: zText(),
  mode: z.enum(IMPORT_MODES).optional(),
});
export type TImportRelease = z.infer<typeof ZImportRelease>;

/**
 * Imports a filled-in checklist as a release: its template version, then the release with
 * the document's states ([x]/✅ done, exported statuses, owners, N/A reasons, evidence).
 */
export async function importRelease(
  actor: TActor,
  input: TImportRelease,
  db: TDb = getDb(),
): Promise<TResult<{ releaseId: string; templateVersionId: string; warnings: string[] }>> {
  assertCan(actor, "template:import");
  assertCan(actor, "release:create");
  const parsedInput = ZImportRelease.safeParse(input);
  if (!parsedInput.success) return fail("invalid", "The release is not valid.", z.flattenError(parsedInput.error).fieldErrors);
  const { source, mode, ...release } = parsedInput.data;
  const parsed = await parseChecklistSafely(source, { mode });
  if (!parsed.ok) return fail("invalid", parsed.error);

  if (release.targetLevel && !parsed.checklist.levels.includes(release.targetLevel)) {
    return fail("invalid", `Target level must be one of: ${parsed.checklist.levels.join(", ") || "(the document has no levels)"}.`);
  }
  const warnings = [...parsed.checklist.warnings];
  const states = new Map<string, TInitialItemState>();
  for (const { item } of walkSectionItems(parsed.checklist.sections)) {
    let { status } = item;
    if (status === "NOT_APPLICABLE" && !item.naReason) {
      warnings.push(`“${item.text}” is marked not applicable without a reason; imported as open.`);
      status = "OPEN";
    }
    if (status !== "OPEN" || item.owner || item.evidenceLinks.length > 0) {
      states.set(item.key, { status, owner: item.owner, naReason: status === "NOT_APPLICABLE" ? item.naReason : null, evidenceLinks: item.evidenceLinks });
    }
  }

  const data = await runTransaction(db, async (tx) => {
    const template = await writeTemplateVersion(tx, actor, source, parsed.checklist);
    const releaseId = await snapshotRelease(tx, actor, { ...release, templateVersionId: template.versionId }, states);
    return { releaseId, templateVersionId: template.versionId, warnings };
  });
  return ok(data);
}
