import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { ITEM_STATUSES, itemStatusLabel } from "@/lib/domain/checklist/types";
import { fail, ok, type TResult } from "@/lib/data/result";
import { toLiveItem, type TLiveItem } from "@/lib/data/releases/live-item";
import { writeRelease } from "@/lib/data/releases/write-release";

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

type TData = { version: number; releaseId: string; item: TLiveItem };

/** Sets an item's status if nobody changed it since `expectedVersion`; never overwrites silently. */
export async function updateItemStatus(actor: TActor, input: TUpdateItemStatus, db: TDb = getDb()): Promise<TResult<TData>> {
  assertCan(actor, "item:update", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZUpdateItemStatus.safeParse(input);
  if (!parsed.success) return fail("invalid", "The change is not valid.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, expectedVersion, status } = parsed.data;
  const naReason = status === "NOT_APPLICABLE" ? parsed.data.naReason! : null;

  return writeRelease(db, actor, { itemId, expectedVersion }, async (tx, { item: before }) => {
    const item = await tx.releaseItem.update({
      where: { id: itemId, version: expectedVersion },
      data: { status, naReason, version: { increment: 1 }, updatedById: actor.id },
    });
    return ok({
      data: { version: item.version, item: toLiveItem(item) },
      changedItem: item,
      what: `Status of “${item.text}” set to ${itemStatusLabel(status, item.kind).toLowerCase()}`,
      audit: {
        action: "item.status.update",
        entityType: "ReleaseItem",
        entityId: itemId,
        before: { status: before!.status, naReason: before!.naReason, version: before!.version },
        after: { status, naReason, version: item.version },
      },
    });
  });
}
