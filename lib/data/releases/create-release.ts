import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit, type TTx } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { type TItemStatus } from "@/lib/domain/checklist/types";
import { bulkInsert, itemDefinitionColumns } from "@/lib/data/bulk-insert";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import { runTransaction } from "@/lib/data/run-transaction";

const ZName = (label: string) => zText().trim().min(1, `${label} is required`).max(200);

export const ZCreateRelease = z.object({
  templateVersionId: z.uuid(),
  name: ZName("Name"),
  service: ZName("Service"),
  version: ZName("Version"),
  environment: ZName("Environment"),
  targetDate: z.iso.date().optional(),
  targetLevel: zText().trim().min(1).optional(),
  /** The commit the release ships: CI results for another commit do not count. */
  targetCommit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,64}$/i, "A commit is 7 to 64 hexadecimal characters")
    .transform((commit) => commit.toLowerCase())
    .optional(),
});
export type TCreateRelease = z.infer<typeof ZCreateRelease>;

/**
 * A release gets its own copy of the template version's sections and items: later template
 * versions never change it.
 */
export async function createRelease(actor: TActor, input: TCreateRelease, db: TDb = getDb()): Promise<TResult<{ releaseId: string }>> {
  assertCan(actor, "release:create", { entityType: "Template", entityId: fieldOf(input, "templateVersionId") });
  const parsed = ZCreateRelease.safeParse(input);
  if (!parsed.success) return fail("invalid", "The release is not valid.", z.flattenError(parsed.error).fieldErrors);
  const version = await db.templateVersion.findUnique({ where: { id: parsed.data.templateVersionId } });
  if (!version?.publishedAt) return fail("not_found", "That template version does not exist or is not published.");
  if (parsed.data.targetLevel && !version.levels.includes(parsed.data.targetLevel)) {
    return fail("invalid", `Target level must be one of: ${version.levels.join(", ") || "(this template has no levels)"}.`, {
      targetLevel: ["Unknown level"],
    });
  }
  const releaseId = await runTransaction(db, (tx) => snapshotRelease(tx, actor, parsed.data));
  return ok({ releaseId });
}

/** Item states a release starts with, by item key (an imported release document carries them). */
export type TInitialItemState = {
  status: TItemStatus;
  owner: string | null;
  naReason: string | null;
  evidenceLinks: string[];
};

export async function snapshotRelease(
  tx: TTx,
  actor: TActor,
  input: TCreateRelease,
  initialStates: Map<string, TInitialItemState> = new Map(),
): Promise<string> {
  const [sections, items, version] = await Promise.all([
    tx.templateSection.findMany({ where: { templateVersionId: input.templateVersionId } }),
    tx.templateItem.findMany({ where: { templateVersionId: input.templateVersionId } }),
    tx.templateVersion.findUniqueOrThrow({ where: { id: input.templateVersionId }, select: { signOffPolicy: true } }),
  ]);
  const release = await tx.release.create({
    data: {
      name: input.name,
      service: input.service,
      version: input.version,
      environment: input.environment,
      targetDate: input.targetDate ? new Date(`${input.targetDate}T00:00:00Z`) : null,
      targetLevel: input.targetLevel ?? null,
      targetCommit: input.targetCommit ?? null,
      templateVersionId: input.templateVersionId,
      createdById: actor.id,
      // Who must sign it off: the version's seats (lib/domain/sign-off/sign-off-policy.ts).
      signOffPolicy: readSignOffPolicy(version.signOffPolicy),
    },
  });
  const newId = new Map([...sections, ...items].map((row) => [row.id, randomUUID()]));
  const mapped = (id: string | null) => (id === null ? null : newId.get(id)!);
  // One statement per table: PostgreSQL checks foreign keys (parents included) after the statement.
  await bulkInsert(
    tx,
    "release_sections",
    [
      { column: "id", type: "uuid", value: (s) => mapped(s.id) },
      { column: "release_id", type: "uuid", value: () => release.id },
      { column: "parent_id", type: "uuid", value: (s) => mapped(s.parentId) },
      { column: "position", type: "integer", value: (s) => s.position },
      { column: "title", type: "text", value: (s) => s.title },
    ],
    sections,
  );
  await bulkInsert(
    tx,
    "release_items",
    [
      { column: "id", type: "uuid", value: (i) => mapped(i.id) },
      { column: "release_id", type: "uuid", value: () => release.id },
      { column: "section_id", type: "uuid", value: (i) => mapped(i.sectionId) },
      { column: "parent_id", type: "uuid", value: (i) => mapped(i.parentId) },
      { column: "position", type: "integer", value: (i) => i.position },
      ...itemDefinitionColumns<(typeof items)[number]>(),
      { column: "status", type: '"ItemStatus"', value: (i) => initialStates.get(i.key)?.status ?? "OPEN" },
      { column: "owner", type: "text", value: (i) => initialStates.get(i.key)?.owner ?? i.defaultOwner },
      { column: "na_reason", type: "text", value: (i) => initialStates.get(i.key)?.naReason ?? null },
      { column: "updated_by_id", type: "uuid", value: () => actor.id },
    ],
    items,
  );
  const evidence = items.flatMap((item) =>
    (initialStates.get(item.key)?.evidenceLinks ?? []).map((url) => ({
      releaseItemId: mapped(item.id)!,
      kind: "LINK" as const,
      url,
      addedById: actor.id,
    })),
  );
  if (evidence.length > 0) await tx.evidence.createMany({ data: evidence });
  await recordAudit(tx, actor, {
    action: "release.create",
    entityType: "Release",
    entityId: release.id,
    releaseId: release.id,
    // The starting states go into the event so the history can rebuild the release from it.
    after: { ...input, items: items.length, initialStates: Object.fromEntries(initialStates), evidence: evidence.length },
  });
  return release.id;
}
