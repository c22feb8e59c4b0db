import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { toLiveItem, type TLiveItem } from "@/lib/data/releases/live-item";
import { writeRelease } from "@/lib/data/releases/write-release";

export const ZGrantWaiver = z.object({
  itemId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  reason: zText().trim().min(1, "Say why the item is waived").max(2000),
  compensatingControl: zText().trim().min(1, "Say what covers the risk instead").max(2000),
  expiresOn: z.iso.date("Choose when the waiver expires"),
});
export type TGrantWaiver = z.infer<typeof ZGrantWaiver>;

type TData = { waiverId: string; version: number; releaseId: string; item: TLiveItem };

/** A release manager waives an item until a date; the item becomes WAIVED. No-go conditions cannot be waived. */
export async function grantWaiver(actor: TActor, input: TGrantWaiver, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "waiver:approve", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZGrantWaiver.safeParse(input);
  if (!parsed.success) return fail("invalid", "The waiver is not complete.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, expectedVersion, reason, compensatingControl, expiresOn } = parsed.data;
  const expiresAt = new Date(`${expiresOn}T23:59:59Z`);
  if (expiresAt <= now) return fail("invalid", "The expiry must be in the future.", { expiresOn: ["Choose a future date"] });
  if (!actor.id) return fail("invalid", "A waiver needs a signed-in approver.");
  return writeRelease(db, actor, { itemId, expectedVersion }, async (tx, { item: before }) => {
    if (before!.kind === "NO_GO_CONDITION") return fail("invalid", "A no-go condition cannot be waived.");
    const item = await tx.releaseItem.update({
      where: { id: itemId, version: expectedVersion },
      data: { status: "WAIVED", naReason: null, version: { increment: 1 }, updatedById: actor.id },
    });
    const waiver = await tx.waiver.create({
      data: { releaseItemId: itemId, reason, compensatingControl, approverId: actor.id!, expiresAt, createdById: actor.id },
    });
    return ok({
      data: { waiverId: waiver.id, version: item.version, item: toLiveItem(item) },
      what: `“${item.text}” waived`,
      audit: {
        action: "waiver.grant",
        entityType: "Waiver",
        entityId: waiver.id,
        before: { status: before!.status, version: before!.version },
        after: { itemId, status: "WAIVED", reason, compensatingControl, expiresAt: expiresAt.toISOString(), version: item.version },
      },
    });
  });
}
