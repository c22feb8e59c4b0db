import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit, type TTx } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { pickItemDefinition, type TItemStatus } from "@/lib/domain/checklist/types";

const ZName = (label: string) => z.string().trim().min(1, `${label} is required`).max(200);

export const ZCreateRelease = z.object({
  templateVersionId: z.uuid(),
  name: ZName("Name"),
  service: ZName("Service"),
  version: ZName("Version"),
  environment: ZName("Environment"),
  targetDate: z.iso.date().optional(),
  targetLevel: z.string().trim().min(1).optional(),
});
export type TCreateRelease = z.infer<typeof ZCreateRelease>;

/**
 * A release gets its own copy of the template version's sections and items: later template
 * versions never change it.
 */
export async function createRelease(actor: TActor, input: TCreateRelease, db: TDb = getDb()): Promise<TResult<{ releaseId: string }>> {
  assertCan(actor, "release:create");
  const parsed = ZCreateRelease.safeParse(input);
  if (!parsed.success) return fail("invalid", "The release is not valid.", z.flattenError(parsed.error).fieldErrors);
  const version = await db.templateVersion.findUnique({ where: { id: parsed.data.templateVersionId } });
  if (!version?.publishedAt) return fail("not_found", "That template version does not exist or is not published.");
  if (parsed.data.targetLevel && !version.levels.includes(parsed.data.targetLevel)) {
    return fail("invalid", `Target level must be one of: ${version.levels.join(", ") || "(this template has no levels)"}.`, {
      targetLevel: ["Unknown level"],
    });
  }
  const releaseId = await db.$transaction((tx) => snapshotRelease(tx, actor, parsed.data));
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
  const [sections, items] = await Promise.all([
    tx.templateSection.findMany({ where: { templateVersionId: input.templateVersionId } }),
    tx.templateItem.findMany({ where: { templateVersionId: input.templateVersionId } }),
  ]);
  const release = await tx.release.create({
    data: {
      name: input.name,
      service: input.service,
      version: input.version,
      environment: input.environment,
      targetDate: input.targetDate ? new Date(`${input.targetDate}T00:00:00Z`) : null,
      targetLevel: input.targetLevel ?? null,
      templateVersionId: input.templateVersionId,
      createdById: actor.id,
    },
  });
  const newId = new Map([...sections, ...items].map((row) => [row.id, randomUUID()]));
  const mapped = (id: string | null) => (id === null ? null : newId.get(id)!);
  // Parents first: a multi-row insert checks each row's foreign keys as it goes.
  const depthFirst = <T extends { id: string; parentId: string | null }>(rows: T[]): T[] => {
    const out: T[] = [];
    const visit = (parentId: string | null) =>
      rows.filter((r) => r.parentId === parentId).forEach((r) => (out.push(r), visit(r.id)));
    visit(null);
    return out;
  };
  await tx.releaseSection.createMany({
    data: depthFirst(sections).map((s) => ({ id: mapped(s.id)!, releaseId: release.id, parentId: mapped(s.parentId), position: s.position, title: s.title })),
  });
  await tx.releaseItem.createMany({
    data: depthFirst(items).map((item) => ({
      id: mapped(item.id)!,
      releaseId: release.id,
      sectionId: mapped(item.sectionId)!,
      parentId: mapped(item.parentId),
      position: item.position,
      ...pickItemDefinition(item),
      status: initialStates.get(item.key)?.status ?? "OPEN",
      owner: initialStates.get(item.key)?.owner ?? null,
      naReason: initialStates.get(item.key)?.naReason ?? null,
      updatedById: actor.id,
    })),
  });
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
