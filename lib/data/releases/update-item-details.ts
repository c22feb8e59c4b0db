import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { invalidateSignOffs } from "@/lib/data/sign-offs/invalidate-sign-offs";

export const ZUpdateItemDetails = z.object({
  itemId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  owner: zText().trim().max(200).transform((v) => v || null),
  dueDate: z.union([z.iso.date(), z.literal("")]).transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null)),
});
export type TUpdateItemDetails = z.input<typeof ZUpdateItemDetails>;

type TData = { version: number; releaseId: string };

/** Owner and due date, with the same version check as status changes. */
export async function updateItemDetails(actor: TActor, input: TUpdateItemDetails, db: TDb = getDb()): Promise<TResult<TData>> {
  assertCan(actor, "item:update");
  const parsed = ZUpdateItemDetails.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the owner and due date.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, expectedVersion, owner, dueDate } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.releaseItem.findUnique({ where: { id: itemId } });
    if (!before) return fail<TData>("not_found", "That item does not exist.");
    const updated = await tx.releaseItem.updateMany({
      where: { id: itemId, version: expectedVersion },
      data: { owner, dueDate, version: { increment: 1 }, updatedById: actor.id },
    });
    if (updated.count === 0) {
      return fail<TData>("conflict", `Someone else changed “${before.text}” since you loaded it. Reload and try again.`);
    }
    const invalidatedSignOffs = await invalidateSignOffs(tx, actor, before.releaseId, `Owner or due date of “${before.text}”`);
    await recordAudit(tx, actor, {
      action: "item.details.update",
      entityType: "ReleaseItem",
      entityId: itemId,
      releaseId: before.releaseId,
      before: { owner: before.owner, dueDate: before.dueDate, version: before.version },
      after: { owner, dueDate, version: expectedVersion + 1, invalidatedSignOffs },
    });
    return ok({ version: expectedVersion + 1, releaseId: before.releaseId });
  });
}
