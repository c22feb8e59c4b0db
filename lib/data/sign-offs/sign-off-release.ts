import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import { syncReleaseStatus, writeRelease } from "@/lib/data/releases/write-release";
import { changedThisRound, loadReleaseSignOffs, loadSigner } from "@/lib/data/sign-offs/sign-off-state";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { releaseContentHash } from "@/lib/domain/release-content-hash";
import { canFillSeat, describeSeatFillers } from "@/lib/domain/sign-off/sign-off-policy";
import { REPLACED_REASON } from "@/lib/domain/sign-off/sign-off-rules";

export const ZSignOff = z.object({
  releaseId: z.uuid(),
  decision: z.enum(["GO", "NO_GO"]),
  /** The seat signed for, by key; may be left out when the signer can fill exactly one seat. */
  seat: zText().trim().min(1).max(80).optional(),
  comment: zText().trim().max(5000).optional(),
});
export type TSignOffInput = z.input<typeof ZSignOff>;

type TData = { signOffId: string; contentHash: string; releaseId: string; status: TReleaseStatus; seat: string };

/**
 * Records one person's GO or NO-GO for one seat of the release's sign-off policy, with the
 * verdict and a hash of the checklist at that moment, all read under the release's lock
 * (writeRelease): no change can slip between them, and one that commits after voids it. GO is
 * refused while the verdict is NO-GO. The signer must be able to fill the seat (role, team or
 * named), fills at most one seat of a release unless the policy allows more, and replaces
 * their own earlier signature on that seat. With self-approval off, a signer who changed an
 * item this round is recorded as such and cannot fill a seat alone.
 */
export async function signOffRelease(actor: TActor, input: TSignOffInput, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "release:sign-off", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZSignOff.safeParse(input);
  if (!parsed.success) return fail("invalid", "The sign-off is not valid.", z.flattenError(parsed.error).fieldErrors);
  if (!actor.id) return fail("invalid", "A sign-off needs a signed-in person.");
  const userId = actor.id;
  const { releaseId, decision, comment } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx, { release }) => {
    const [signer, { policy, state }] = await Promise.all([loadSigner(tx, userId), loadReleaseSignOffs(tx, releaseId)]);
    const fillable = policy.seats.filter((seat) => signer && canFillSeat(seat, signer));
    const seat = parsed.data.seat ? policy.seats.find((s) => s.key === parsed.data.seat) : fillable.length === 1 ? fillable[0] : undefined;
    if (!seat) {
      if (parsed.data.seat) return fail("invalid", "This release has no such sign-off seat.");
      if (fillable.length === 0) {
        return fail("invalid", `You cannot fill any sign-off seat of this release: ${policy.seats.map((s) => `${s.name} is for ${describeSeatFillers(s)}`).join("; ")}.`);
      }
      return fail("invalid", `Choose the seat you sign for: ${fillable.map((s) => s.name).join(", ")}.`, { seat: ["Choose a seat"] });
    }
    if (!fillable.includes(seat)) return fail("invalid", `The ${seat.name} seat is for ${describeSeatFillers(seat)}.`);
    if (!policy.allowMultipleSeats) {
      const other = state.seats.find((s) => s.seat.key !== seat.key && [...s.go, ...s.noGo].some((g) => g.userId === userId));
      if (other) return fail("invalid", `You already signed for ${other.seat.name}: one person fills one seat of this release.`);
    }
    const { items, verdict } = (await loadReleaseVerdict(tx, releaseId, now))!;
    if (decision === "GO" && verdict.verdict === "NO_GO") {
      return fail("invalid", `The verdict is NO-GO: ${verdict.reasons.length} item(s) hold the release back.`);
    }
    const contentHash = releaseContentHash(items);
    const selfApproved = !policy.allowSelfApproval && (await changedThisRound(tx, releaseId, userId));
    const replaced = await tx.signOff.updateMany({
      where: { releaseId, invalidatedAt: null, userId, seatKey: seat.key },
      data: { invalidatedAt: now, invalidatedReason: REPLACED_REASON },
    });
    const signOff = await tx.signOff.create({
      data: { releaseId, userId, capacity: seat.name, seatKey: seat.key, selfApproved, decision, comment: comment || null, verdictAtSigning: verdict.verdict, contentHash },
    });
    const status = await syncReleaseStatus(tx, release, verdict.verdict);
    return ok({
      data: { signOffId: signOff.id, contentHash, status, seat: seat.key },
      audit: {
        action: "release.sign-off",
        entityType: "SignOff",
        entityId: signOff.id,
        after: {
          decision, capacity: seat.name, seat: seat.key, selfApproved, comment: comment || null, verdict: verdict.verdict, exceptions: verdict.exceptions,
          contentHash, replacedSignOffs: replaced.count, releaseStatus: status,
        },
      },
    });
  });
}
