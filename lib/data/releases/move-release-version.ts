import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import type { TTx } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { bulkInsert, itemDefinitionColumns } from "@/lib/data/bulk-insert";
import { readSignOffPolicy, ZSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import { fail, ok, type TResult } from "@/lib/data/result";
import { writeRelease } from "@/lib/data/releases/write-release";
import { planVersionMove, type TVersionMovePlan } from "@/lib/domain/checklist/plan-version-move";
import { pickItemDefinition } from "@/lib/domain/checklist/types";

// A release moves to a newer version of its template in one audited change under its lock:
// kept items (same key) keep their row, state, evidence, waivers and comments and take the
// new definition and place; new items come open (with the version's default owner); items
// the version no longer has go, with their evidence and comments (the audit log keeps
// them). Valid sign-offs are voided: what they vouched for changed. The event carries every
// definition before and after, so history and time travel replay across the move.

export const ZMoveReleaseVersion = z.object({ releaseId: z.uuid(), templateVersionId: z.uuid() });

export type TVersionMovePreview = {
  from: number;
  to: { id: string; number: number };
  plan: Pick<TVersionMovePlan, "added" | "changed"> & { removed: { key: string; text: string }[] };
};

async function loadMove(db: TDb | TTx, releaseId: string, templateVersionId: string) {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { templateVersionId: true, templateVersion: { select: { templateId: true, number: true } } } });
  const target = await db.templateVersion.findUnique({ where: { id: templateVersionId }, select: { id: true, templateId: true, number: true, levels: true, signOffPolicy: true } });
  if (!release) return fail("not_found", "That release does not exist.");
  if (!target || target.templateId !== release.templateVersion.templateId) return fail("not_found", "That version is not a version of this release's template.");
  if (target.number <= release.templateVersion.number) return fail("invalid", `The release already uses version ${release.templateVersion.number}: choose a newer one.`);
  const [releaseItems, versionItems, versionSections] = await Promise.all([
    db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } }),
    db.templateItem.findMany({ where: { templateVersionId }, orderBy: { position: "asc" } }),
    db.templateSection.findMany({ where: { templateVersionId }, orderBy: { position: "asc" } }),
  ]);
  // Items added to this release only stay: the version does not know them.
  const plan = planVersionMove(
    releaseItems.filter((item) => !item.releaseOnly),
    versionItems,
  );
  return ok({ from: release.templateVersion.number, fromVersionId: release.templateVersionId, target, releaseItems, versionItems, versionSections, plan });
}

/** The newest version of the release's template after its own, with what moving to it would do; null when there is none. */
export async function previewVersionMove(actor: TActor, releaseId: string, db: TDb = getDb()): Promise<TVersionMovePreview | null> {
  assertCan(actor, "release:read");
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { templateVersion: { select: { templateId: true, number: true } } } });
  if (!release) return null;
  const newest = await db.templateVersion.findFirst({ where: { templateId: release.templateVersion.templateId }, orderBy: { number: "desc" }, select: { id: true, number: true } });
  if (!newest || newest.number <= release.templateVersion.number) return null;
  const loaded = await loadMove(db, releaseId, newest.id);
  if (!loaded.ok) return null;
  const { plan } = loaded.data;
  return {
    from: loaded.data.from,
    to: newest,
    plan: { added: plan.added, changed: plan.changed, removed: plan.removed.map((item) => ({ key: item.key, text: item.text })) },
  };
}

export async function moveReleaseVersion(
  actor: TActor,
  input: z.input<typeof ZMoveReleaseVersion>,
  db: TDb = getDb(),
): Promise<TResult<{ releaseId: string; added: number; removed: number; changed: number }>> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZMoveReleaseVersion.safeParse(input);
  if (!parsed.success) return fail("invalid", "Choose a version to move the release to.", z.flattenError(parsed.error).fieldErrors);
  const { releaseId, templateVersionId } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx) => {
    // Read under the release's lock: no item can change between the plan and the move.
    const loaded = await loadMove(tx, releaseId, templateVersionId);
    if (!loaded.ok) return loaded;
    const { from, fromVersionId, target, releaseItems, versionItems, versionSections, plan } = loaded.data;

    const sectionId = new Map(versionSections.map((s) => [s.id, randomUUID()]));
    const itemId = new Map(versionItems.map((item) => [item.id, plan.keptIds.get(item.key) ?? randomUUID()]));
    const mapped = (map: Map<string, string>, id: string | null) => (id === null ? null : map.get(id)!);
    await bulkInsert(
      tx,
      "release_sections",
      [
        { column: "id", type: "uuid", value: (s) => mapped(sectionId, s.id) },
        { column: "release_id", type: "uuid", value: () => releaseId },
        { column: "parent_id", type: "uuid", value: (s) => mapped(sectionId, s.parentId) },
        { column: "position", type: "integer", value: (s) => s.position },
        { column: "title", type: "text", value: (s) => s.title },
      ],
      versionSections,
    );
    const isKept = (key: string) => plan.keptIds.has(key);
    const added = versionItems.filter((item) => !isKept(item.key));
    const kept = versionItems.filter((item) => isKept(item.key));
    // New items first: a kept item may move under one of them.
    await bulkInsert(
      tx,
      "release_items",
      [
        { column: "id", type: "uuid", value: (i) => mapped(itemId, i.id) },
        { column: "release_id", type: "uuid", value: () => releaseId },
        { column: "section_id", type: "uuid", value: (i) => mapped(sectionId, i.sectionId) },
        { column: "parent_id", type: "uuid", value: (i) => mapped(itemId, i.parentId) },
        { column: "position", type: "integer", value: (i) => i.position },
        ...itemDefinitionColumns<(typeof added)[number]>(),
        { column: "owner", type: "text", value: (i) => i.defaultOwner },
        { column: "updated_by_id", type: "uuid", value: () => actor.id },
      ],
      added,
    );
    if (kept.length > 0) {
      const changedIds = new Set(plan.changed.map((c) => c.id));
      const rows = kept.map((i) => ({ ...i, rowId: plan.keptIds.get(i.key)! }));
      // One statement for every kept item: its new place and definition; a changed definition moves its version on.
      await tx.$executeRawUnsafe(
        `UPDATE release_items r SET section_id = v.section_id, parent_id = v.parent_id, position = v.position, text = v.text, detail = v.detail,
           kind = v.kind, severity = v.severity, evidence_required = v.evidence_required, evidence_max_age_days = v.evidence_max_age_days,
           required_level = v.required_level, ci_check = v.ci_check, version = r.version + CASE WHEN v.changed THEN 1 ELSE 0 END, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::integer[], $5::text[], $6::text[], $7::"ItemKind"[], $8::"Severity"[], $9::boolean[], $10::integer[], $11::text[], $12::boolean[], $13::text[])
           AS v(id, section_id, parent_id, position, text, detail, kind, severity, evidence_required, evidence_max_age_days, required_level, changed, ci_check)
         WHERE r.id = v.id AND r.release_id = $14::uuid`,
        rows.map((r) => r.rowId),
        rows.map((r) => mapped(sectionId, r.sectionId)),
        rows.map((r) => mapped(itemId, r.parentId)),
        rows.map((r) => r.position),
        rows.map((r) => r.text),
        rows.map((r) => r.detail),
        rows.map((r) => r.kind),
        rows.map((r) => r.severity),
        rows.map((r) => r.evidenceRequired),
        rows.map((r) => r.evidenceMaxAgeDays),
        rows.map((r) => r.requiredLevel),
        rows.map((r) => changedIds.has(r.rowId)),
        rows.map((r) => r.ciCheck),
        releaseId,
      );
    }
    if (plan.removed.length > 0) await tx.releaseItem.deleteMany({ where: { id: { in: plan.removed.map((i) => i.id) } } });
    // Release-only items move to the new section of the same title (else the first), after the version's items.
    const releaseOnly = releaseItems.filter((item) => item.releaseOnly);
    if (releaseOnly.length > 0) {
      const oldSections = new Map((await tx.releaseSection.findMany({ where: { releaseId, id: { in: releaseOnly.map((i) => i.sectionId) } } })).map((s) => [s.id, s.title]));
      const newSectionByTitle = new Map(versionSections.map((s) => [s.title, mapped(sectionId, s.id)!]));
      const fallback = mapped(sectionId, versionSections[0]?.id ?? null);
      for (const [index, item] of releaseOnly.entries()) {
        const target = newSectionByTitle.get(oldSections.get(item.sectionId) ?? "") ?? fallback;
        if (!target) return fail("invalid", "The new version has no sections to keep this release's own items in.");
        await tx.releaseItem.update({ where: { id: item.id }, data: { sectionId: target, parentId: null, position: versionItems.length + index } });
      }
    }
    await tx.releaseSection.deleteMany({ where: { releaseId, id: { notIn: [...sectionId.values()] } } });
    // The new version's seats, and the seats this release added for itself (never removed).
    const { signOffPolicy } = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { signOffPolicy: true } });
    const versionPolicy = readSignOffPolicy(target.signOffPolicy);
    // A seat of its own whose name the new version also uses stays, beside the version's (never weakened by it).
    const ownSeats = readSignOffPolicy(signOffPolicy)
      .seats.filter((seat) => seat.releaseOnly)
      .map((seat) => (versionPolicy.seats.some((s) => s.key === seat.key) ? { ...seat, key: `${seat.key}-release`.slice(0, 80), name: `${seat.name} (this release)`.slice(0, 60) } : seat));
    const policy = ZSignOffPolicy.safeParse({ ...versionPolicy, seats: [...versionPolicy.seats, ...ownSeats] });
    if (!policy.success) return fail("invalid", `Version ${target.number}'s sign-off seats and this release's own cannot be combined: ${policy.error.issues[0]?.message ?? "too many seats"}.`);
    await tx.release.update({
      where: { id: releaseId },
      data: { templateVersionId: target.id, signOffPolicy: policy.data, revision: { increment: 1 } },
    });

    const definitionsAfter = [
      ...versionItems.map((item) => ({ id: itemId.get(item.id)!, ...definitionOf(item) })),
      ...releaseOnly.map((item) => ({ id: item.id, ...definitionOf(item) })),
    ];
    return ok({
      data: { added: plan.added.length, removed: plan.removed.length, changed: plan.changed.length },
      what: `Moved to version ${target.number} of its template`,
      audit: {
        action: "release.template.move",
        entityType: "Release",
        entityId: releaseId,
        before: { templateVersionId: fromVersionId, number: from },
        after: {
          templateVersionId: target.id,
          number: target.number,
          added: plan.added.map((i) => i.key),
          removed: plan.removed.map((i) => i.key),
          changed: plan.changed.map((c) => c.after.key),
          definitionsBefore: releaseItems.map((item) => ({ id: item.id, ...definitionOf(item) })),
          definitionsAfter,
        },
      },
    });
  });
}

/** What replay reads of an item's definition (replay-release.ts TReplayItem): no detail. */
function definitionOf(item: Parameters<typeof pickItemDefinition>[0]) {
  const { detail: _detail, ...definition } = pickItemDefinition(item);
  return definition;
}
