import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { releaseContentHash } from "@/lib/domain/release-content-hash";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";

export const ZSignOff = z.object({
  releaseId: z.uuid(),
  decision: z.enum(["GO", "NO_GO"]),
  capacity: zText().trim().min(1).max(200).default("Release manager"),
  comment: zText().trim().max(5000).optional(),
});
export type TSignOffInput = z.input<typeof ZSignOff>;

type TData = { signOffId: string; contentHash: string };

/**
 * Records a release manager's GO or NO-GO with the verdict and a hash of the checklist
 * state at that moment. GO is refused while the verdict is NO-GO.
 */
export async function signOffRelease(actor: TActor, input: TSignOffInput, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "release:sign-off");
  const parsed = ZSignOff.safeParse(input);
  if (!parsed.success) return fail("invalid", "The sign-off is not valid.", z.flattenError(parsed.error).fieldErrors);
  if (!actor.id) return fail("invalid", "A sign-off needs a signed-in person.");
  const { releaseId, decision, capacity, comment } = parsed.data;
  return db.$transaction(async (tx) => {
    // Lock the release row: no item can change between computing the verdict and signing.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM releases WHERE id = ${releaseId}::uuid FOR UPDATE`;
    if (locked.length === 0) return fail<TData>("not_found", "That release does not exist.");
    const release = await tx.release.findUniqueOrThrow({
      where: { id: releaseId },
      include: { templateVersion: { select: { levels: true } }, items: { include: { evidence: true, waivers: true } } },
    });
    const verdict = computeVerdict({ items: release.items, levels: release.templateVersion.levels, targetLevel: release.targetLevel, now });
    if (decision === "GO" && verdict.verdict === "NO_GO") {
      return fail<TData>("invalid", `The verdict is NO-GO: ${verdict.reasons.length} item(s) hold the release back.`);
    }
    const contentHash = releaseContentHash(release.items);
    await tx.signOff.updateMany({
      where: { releaseId, invalidatedAt: null, userId: actor.id! },
      data: { invalidatedAt: now, invalidatedReason: "Replaced by a newer sign-off from the same person" },
    });
    const signOff = await tx.signOff.create({
      data: { releaseId, userId: actor.id!, capacity, decision, comment: comment || null, verdictAtSigning: verdict.verdict, contentHash },
    });
    if (decision === "GO") await tx.release.update({ where: { id: releaseId }, data: { status: "SIGNED_OFF", revision: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "release.sign-off",
      entityType: "SignOff",
      entityId: signOff.id,
      releaseId,
      after: { decision, capacity, comment: comment || null, verdict: verdict.verdict, exceptions: verdict.exceptions, contentHash },
    });
    return ok({ signOffId: signOff.id, contentHash });
  });
}
