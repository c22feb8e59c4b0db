import type { TActor } from "@/lib/auth/permissions";
import type { TTx } from "@/lib/audit/record-audit";

/**
 * A change to an item, its evidence or its waivers voids the release's standing sign-offs
 * in the same transaction, saying what changed and who changed it. Returns how many.
 */
export async function invalidateSignOffs(tx: TTx, actor: TActor, releaseId: string, what: string): Promise<number> {
  const { count } = await tx.signOff.updateMany({
    where: { releaseId, invalidatedAt: null },
    data: { invalidatedAt: new Date(), invalidatedReason: `${what} (changed by ${actor.label})` },
  });
  if (count > 0) {
    await tx.release.updateMany({ where: { id: releaseId, status: "SIGNED_OFF" }, data: { status: "IN_REVIEW" } });
  }
  return count;
}
