import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import { syncReleaseStatus, writeRelease } from "@/lib/data/releases/write-release";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { releaseContentHash } from "@/lib/domain/release-content-hash";
import { REPLACED_REASON } from "@/lib/domain/sign-off/sign-off-rules";

export const ZSignOff = z.object({
  releaseId: z.uuid(),
  decision: z.enum(["GO", "NO_GO"]),
  capacity: zText().trim().min(1).max(200).default("Release manager"),
  comment: zText().trim().max(5000).optional(),
});
export type TSignOffInput = z.input<typeof ZSignOff>;

type TData = { signOffId: string; contentHash: string; releaseId: string; status: TReleaseStatus };

/**
 * Records a release manager's GO or NO-GO with the verdict and a hash of the checklist
 * state at that moment, both read under the release's lock (writeRelease): no change can
 * slip between them, and one that commits after sees the sign-off and voids it. GO is
 * refused while the verdict is NO-GO. The signer's earlier sign-offs are replaced.
 */
export async function signOffRelease(actor: TActor, input: TSignOffInput, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "release:sign-off", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZSignOff.safeParse(input);
  if (!parsed.success) return fail("invalid", "The sign-off is not valid.", z.flattenError(parsed.error).fieldErrors);
  if (!actor.id) return fail("invalid", "A sign-off needs a signed-in person.");
  const { releaseId, decision, capacity, comment } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx, { release }) => {
    const { items, verdict } = (await loadReleaseVerdict(tx, releaseId, now))!;
    if (decision === "GO" && verdict.verdict === "NO_GO") {
      return fail("invalid", `The verdict is NO-GO: ${verdict.reasons.length} item(s) hold the release back.`);
    }
    const contentHash = releaseContentHash(items);
    const replaced = await tx.signOff.updateMany({
      where: { releaseId, invalidatedAt: null, userId: actor.id! },
      data: { invalidatedAt: now, invalidatedReason: REPLACED_REASON },
    });
    const signOff = await tx.signOff.create({
      data: { releaseId, userId: actor.id!, capacity, decision, comment: comment || null, verdictAtSigning: verdict.verdict, contentHash },
    });
    const status = await syncReleaseStatus(tx, release);
    return ok({
      data: { signOffId: signOff.id, contentHash, status },
      audit: {
        action: "release.sign-off",
        entityType: "SignOff",
        entityId: signOff.id,
        after: { decision, capacity, comment: comment || null, verdict: verdict.verdict, exceptions: verdict.exceptions, contentHash, replacedSignOffs: replaced.count, releaseStatus: status },
      },
    });
  });
}
