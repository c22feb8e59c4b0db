import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { toLiveItem, type TLiveItem } from "@/lib/data/releases/live-item";
import { writeRelease } from "@/lib/data/releases/write-release";

export const ZUpdateItemDetails = z.object({
  itemId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  owner: zText().trim().max(200).transform((v) => v || null),
  dueDate: z.union([z.iso.date(), z.literal("")]).transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null)),
});
export type TUpdateItemDetails = z.input<typeof ZUpdateItemDetails>;

type TData = { version: number; releaseId: string; item: TLiveItem };

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Owner and due date, with the same version check as status changes. */
export async function updateItemDetails(actor: TActor, input: TUpdateItemDetails, db: TDb = getDb()): Promise<TResult<TData>> {
  assertCan(actor, "item:update", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZUpdateItemDetails.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the owner and due date.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, expectedVersion, owner, dueDate } = parsed.data;
  return writeRelease(db, actor, { itemId, expectedVersion }, async (tx, { item: before }) => {
    const item = await tx.releaseItem.update({
      where: { id: itemId, version: expectedVersion },
      data: { owner, dueDate, version: { increment: 1 }, updatedById: actor.id },
    });
    return ok({
      data: { version: item.version, item: toLiveItem(item) },
      changedItem: item,
      what: `Owner or due date of “${item.text}”`,
      audit: {
        action: "item.details.update",
        entityType: "ReleaseItem",
        entityId: itemId,
        before: { owner: before!.owner, dueDate: iso(before!.dueDate), version: before!.version },
        after: { owner, dueDate: iso(dueDate), version: item.version },
      },
    });
  });
}
