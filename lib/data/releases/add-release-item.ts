import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { zText } from "@/lib/data/text";
import { writeRelease } from "@/lib/data/releases/write-release";
import { ITEM_KINDS, SEVERITIES } from "@/lib/domain/checklist/types";
import { makeItemKey, newItemKeys } from "@/lib/domain/markdown/item-key";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";

// A release manager adds an item to one release (a hotfix's extra check), not to its
// template: marked as release-only in the page, the exports and the audit log. It is a
// change a sign-off covers, so valid sign-offs are voided; a shipped release refuses it.

export const ZAddReleaseItem = z.object({
  releaseId: z.uuid(),
  sectionId: z.uuid(),
  text: zText().trim().min(1, "Write what the item checks").max(2000),
  kind: z.enum(ITEM_KINDS).default("CHECK"),
  severity: z.enum(SEVERITIES).default("BLOCKING"),
});

export async function addReleaseItem(
  actor: TActor,
  input: z.input<typeof ZAddReleaseItem>,
  db: TDb = getDb(),
): Promise<TResult<{ releaseId: string; itemId: string; key: string }>> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZAddReleaseItem.safeParse(input);
  if (!parsed.success) return fail("invalid", "The item is not complete.", z.flattenError(parsed.error).fieldErrors);
  const { releaseId, sectionId, text, kind, severity } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx) => {
    const section = await tx.releaseSection.findFirst({ where: { id: sectionId, releaseId }, select: { id: true } });
    if (!section) return fail("not_found", "That section is not in this release.");
    const existing = await tx.releaseItem.findMany({ where: { releaseId }, select: { key: true, position: true } });
    const keys = newItemKeys();
    for (const { key } of existing) keys.taken.add(key);
    const key = makeItemKey(plainInlineText(text), keys);
    // Last in document order: positions count across the whole release.
    const position = existing.reduce((max, item) => Math.max(max, item.position), -1) + 1;
    const item = await tx.releaseItem.create({
      data: { releaseId, sectionId, position, key, text, kind, severity, releaseOnly: true, updatedById: actor.id },
    });
    return ok({
      data: { itemId: item.id, key },
      what: `Item “${text}” added to this release`,
      audit: {
        action: "item.add",
        entityType: "ReleaseItem",
        entityId: item.id,
        after: {
          itemId: item.id,
          sectionId,
          releaseOnly: true,
          definition: { id: item.id, key, text, kind, severity, evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null },
        },
      },
    });
  });
}
