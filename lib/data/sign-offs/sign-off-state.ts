import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";
import { signOffState, type TSeatSignature, type TSignOffPolicy, type TSignOffState, type TSigner } from "@/lib/domain/sign-off/sign-off-policy";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import { COVERED_ACTION_LIST } from "@/lib/domain/sign-off/sign-off-rules";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

export type TReleaseSignOffs = { policy: TSignOffPolicy; state: TSignOffState; hasSignOffs: boolean };

/**
 * A release's sign-off policy and where each seat stands from its valid signatures. `verdict`
 * is the verdict now when the caller has it (a GO is refused under NO-GO, and every change a
 * sign-off covers voids it, so valid GO signatures never stand on a NO-GO checklist).
 */
export async function loadReleaseSignOffs(db: TTx | TDb, releaseId: string, verdict: TVerdictValue | null = null): Promise<TReleaseSignOffs> {
  const [release, signOffs] = await Promise.all([
    db.release.findUniqueOrThrow({ where: { id: releaseId }, select: { signOffPolicy: true } }),
    db.signOff.findMany({
      where: { releaseId },
      orderBy: { createdAt: "asc" },
      select: { seatKey: true, userId: true, decision: true, selfApproved: true, invalidatedAt: true },
    }),
  ]);
  const policy = readSignOffPolicy(release.signOffPolicy);
  const valid: TSeatSignature[] = signOffs
    .filter((s) => s.invalidatedAt === null)
    .map(({ seatKey, userId, decision, selfApproved }) => ({ seatKey, userId, decision, selfApproved }));
  return { policy, state: signOffState(policy, valid, verdict), hasSignOffs: signOffs.length > 0 };
}

/** What decides which seats a person may fill: their email, role and teams. */
export async function loadSigner(db: TTx | TDb, userId: string): Promise<TSigner | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, role: true, teamMemberships: { select: { team: { select: { name: true } } } } } });
  return user ? { email: user.email, role: user.role, teams: user.teamMemberships.map((m) => m.team.name) } : null;
}

/**
 * Whether this person changed something a sign-off covers in the release since it was last
 * signed off (since it was created, if never): signing then approves their own work. A
 * round ends only when every seat has signed, so someone else's change that voids the
 * signatures does not wash out the signer's earlier changes.
 */
export async function changedThisRound(tx: TTx, releaseId: string, userId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ changed: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM audit_events e
      WHERE e.release_id = ${releaseId}::uuid AND e.actor_id = ${userId}::uuid AND e.action = ANY(${COVERED_ACTION_LIST as string[]}::text[])
        AND e.seq > coalesce((
          SELECT max(v.seq) FROM audit_events v
          WHERE v.release_id = ${releaseId}::uuid AND v.action = 'release.sign-off' AND v.after->>'releaseStatus' = 'SIGNED_OFF'), 0)
    ) AS changed`;
  return row!.changed;
}
