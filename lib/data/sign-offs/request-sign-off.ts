import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { writeRelease } from "@/lib/data/releases/write-release";
import { loadReleaseSignOffs } from "@/lib/data/sign-offs/sign-off-state";

export const ZRequestSignOff = z.object({ releaseId: z.uuid() });

/**
 * A release manager asks the seats still missing a GO to sign: each person who may fill one
 * sees the release in "My work" until it is signed off, and subscribers hear
 * "signoff.requested". Asking again (after a change voided the signatures) renews it.
 */
export async function requestSignOff(actor: TActor, input: z.input<typeof ZRequestSignOff>, db: TDb = getDb(), now = new Date()): Promise<TResult<{ releaseId: string; seats: string[] }>> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZRequestSignOff.safeParse(input);
  if (!parsed.success) return fail("invalid", "The release is not valid.", z.flattenError(parsed.error).fieldErrors);
  const { releaseId } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx, { release }) => {
    if (release.status === "SIGNED_OFF") return fail("invalid", "This release is already signed off.");
    const { state } = await loadReleaseSignOffs(tx, releaseId);
    const open = state.seats.filter((s) => !s.isFilled);
    await tx.release.update({ where: { id: releaseId }, data: { signOffRequestedAt: now, signOffRequestedById: actor.id } });
    const seats = open.map((s) => ({ key: s.seat.key, name: s.seat.name, missing: Math.max(s.missing, s.noGo.length > 0 ? 1 : 0) }));
    return ok({
      data: { seats: seats.map((s) => s.name) },
      audit: { action: "release.sign-off.request", entityType: "Release", entityId: releaseId, after: { seats } },
    });
  });
}
