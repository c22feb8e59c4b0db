import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { ITEM_STATUSES } from "@/lib/domain/checklist/types";
import { statusLabel } from "@/lib/domain/markdown/item-meta";
import { fail, ok, type TResult } from "@/lib/data/result";
import { invalidateSignOffs } from "@/lib/data/sign-offs/invalidate-sign-offs";

export const ZUpdateItemStatus = z
  .object({
    itemId: z.uuid(),
    /** The version the person saw; a newer one in the database means someone else changed it. */
    expectedVersion: z.number().int().positive(),
    status: z.enum(ITEM_STATUSES),
    naReason: zText().trim().max(2000).optional(),
  })
  .refine((input) => input.status !== "NOT_APPLICABLE" || !!input.naReason, {
    path: ["naReason"],
    message: "Say why the item does not apply",
  })
  // Waived only through a waiver, which names its approver, reason and expiry.
  .refine((input) => input.status !== "WAIVED", { path: ["status"], message: "Grant a waiver to waive an item" });
export type TUpdateItemStatus = z.infer<typeof ZUpdateItemStatus>;

/** Sets an item's status if nobody changed it since `expectedVersion`; never overwrites silently. */
export async function updateItemStatus(
  actor: TActor,
  input: TUpdateItemStatus,
  db: TDb = getDb(),
): Promise<TResult<{ version: number; releaseId: string }>> {
  assertCan(actor, "item:update");
  const parsed = ZUpdateItemStatus.safeParse(input);
  if (!parsed.success) return fail("invalid", "The change is not valid.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, expectedVersion, status } = parsed.data;
  const naReason = status === "NOT_APPLICABLE" ? parsed.data.naReason! : null;

  return db.$transaction(async (tx) => {
    const before = await tx.releaseItem.findUnique({ where: { id: itemId } });
    if (!before) return fail<{ version: number; releaseId: string }>("not_found", "That item does not exist.");
    const updated = await tx.releaseItem.updateMany({
      where: { id: itemId, version: expectedVersion },
      data: { status, naReason, version: { increment: 1 }, updatedById: actor.id },
    });
    if (updated.count === 0) {
      return fail<{ version: number; releaseId: string }>(
        "conflict",
        `Someone else changed “${before.text}” since you loaded it: it is now ${statusLabel(before.status).toLowerCase()}${before.naReason ? ` (${before.naReason})` : ""}. Reload to see their change.`,
      );
    }
    const invalidatedSignOffs = await invalidateSignOffs(tx, actor, before.releaseId, `Status of “${before.text}” set to ${status}`);
    await recordAudit(tx, actor, {
      action: "item.status.update",
      entityType: "ReleaseItem",
      entityId: itemId,
      releaseId: before.releaseId,
      before: { status: before.status, naReason: before.naReason, version: before.version },
      after: { status, naReason, version: expectedVersion + 1, invalidatedSignOffs },
    });
    return ok({ version: expectedVersion + 1, releaseId: before.releaseId });
  });
}
