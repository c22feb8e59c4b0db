import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { invalidateSignOffs } from "@/lib/data/sign-offs/invalidate-sign-offs";

export const ZGrantWaiver = z.object({
  itemId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  reason: zText().trim().min(1, "Say why the item is waived").max(2000),
  compensatingControl: zText().trim().min(1, "Say what covers the risk instead").max(2000),
  expiresOn: z.iso.date("Choose when the waiver expires"),
});
export type TGrantWaiver = z.infer<typeof ZGrantWaiver>;

type TData = { waiverId: string; version: number; releaseId: string };

/** A release manager waives an item until a date; the item becomes WAIVED. No-go conditions cannot be waived. */
export async function grantWaiver(actor: TActor, input: TGrantWaiver, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "waiver:approve");
  const parsed = ZGrantWaiver.safeParse(input);
  if (!parsed.success) return fail("invalid", "The waiver is not complete.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, expectedVersion, reason, compensatingControl, expiresOn } = parsed.data;
  const expiresAt = new Date(`${expiresOn}T23:59:59Z`);
  if (expiresAt <= now) return fail("invalid", "The expiry must be in the future.", { expiresOn: ["Choose a future date"] });
  if (!actor.id) return fail("invalid", "A waiver needs a signed-in approver.");
  return db.$transaction(async (tx) => {
    const item = await tx.releaseItem.findUnique({ where: { id: itemId } });
    if (!item) return fail<TData>("not_found", "That item does not exist.");
    if (item.kind === "NO_GO_CONDITION") return fail<TData>("invalid", "A no-go condition cannot be waived.");
    const updated = await tx.releaseItem.updateMany({
      where: { id: itemId, version: expectedVersion },
      data: { status: "WAIVED", naReason: null, version: { increment: 1 }, updatedById: actor.id },
    });
    if (updated.count === 0) return fail<TData>("conflict", `Someone else changed “${item.text}” since you loaded it. Reload and try again.`);
    const waiver = await tx.waiver.create({
      data: { releaseItemId: itemId, reason, compensatingControl, approverId: actor.id!, expiresAt, createdById: actor.id },
    });
    const invalidatedSignOffs = await invalidateSignOffs(tx, actor, item.releaseId, `“${item.text}” waived`);
    await recordAudit(tx, actor, {
      action: "waiver.grant",
      entityType: "Waiver",
      entityId: waiver.id,
      releaseId: item.releaseId,
      before: { status: item.status, version: item.version },
      after: { itemId, status: "WAIVED", reason, compensatingControl, expiresAt, version: expectedVersion + 1, invalidatedSignOffs },
    });
    return ok({ waiverId: waiver.id, version: expectedVersion + 1, releaseId: item.releaseId });
  });
}
