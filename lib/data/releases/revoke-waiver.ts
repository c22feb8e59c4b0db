import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { toLiveItem, type TLiveItem } from "@/lib/data/releases/live-item";
import { writeRelease } from "@/lib/data/releases/write-release";
import { isWaiverActive } from "@/lib/domain/verdict/evaluate-item";

export const ZRevokeWaiver = z.object({
  itemId: z.uuid(),
  waiverId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  reason: zText().trim().min(1, "Say why the waiver is revoked").max(2000),
});
export type TRevokeWaiver = z.infer<typeof ZRevokeWaiver>;

type TData = { version: number; releaseId: string; item: TLiveItem };

/**
 * A release manager revokes an active waiver with a reason. An item the waiver was waiving
 * (WAIVED, and no other active waiver) goes back to OPEN; either way its version moves on,
 * since what a sign-off vouched for has changed.
 */
export async function revokeWaiver(actor: TActor, input: TRevokeWaiver, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "waiver:approve", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZRevokeWaiver.safeParse(input);
  if (!parsed.success) return fail("invalid", "The revocation is not complete.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, waiverId, expectedVersion, reason } = parsed.data;
  if (!actor.id) return fail("invalid", "Revoking a waiver needs a signed-in release manager.");
  return writeRelease(db, actor, { itemId, expectedVersion }, async (tx, { item: before }) => {
    // Read under the release lock: every waiver write takes it, so this cannot change before commit.
    const waiver = await tx.waiver.findFirst({ where: { id: waiverId, releaseItemId: itemId } });
    if (!waiver) return fail("not_found", "That waiver does not exist.");
    if (waiver.revokedAt) return fail("invalid", "That waiver has already been revoked.");
    if (!isWaiverActive(waiver, now)) return fail("invalid", "That waiver has already expired.");
    const othersActive = await tx.waiver.findMany({ where: { releaseItemId: itemId, id: { not: waiverId }, revokedAt: null } });
    const stillWaived = othersActive.some((w) => isWaiverActive(w, now));
    const status = before!.status === "WAIVED" && !stillWaived ? "OPEN" : before!.status;
    await tx.waiver.update({ where: { id: waiverId }, data: { revokedAt: now, revokedById: actor.id, revokeReason: reason } });
    const item = await tx.releaseItem.update({
      where: { id: itemId, version: expectedVersion },
      data: { status, ...(status !== before!.status ? { naReason: null } : {}), version: { increment: 1 }, updatedById: actor.id },
    });
    return ok({
      data: { version: item.version, item: toLiveItem(item) },
      what: `Waiver on “${item.text}” revoked`,
      audit: {
        action: "waiver.revoke",
        entityType: "Waiver",
        entityId: waiverId,
        before: { status: before!.status, version: before!.version },
        after: { itemId, status: item.status, reason, expiresAt: waiver.expiresAt?.toISOString() ?? null, version: item.version },
      },
    });
  });
}
