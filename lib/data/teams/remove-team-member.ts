import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { lockTeam } from "@/lib/data/teams/team-rules";

export const ZRemoveTeamMember = z.object({ teamId: z.uuid(), userId: z.uuid() });
export type TRemoveTeamMember = z.input<typeof ZRemoveTeamMember>;

export async function removeTeamMember(actor: TActor, input: TRemoveTeamMember, db: TDb = getDb()): Promise<TResult<{ isRemoved: boolean }>> {
  assertCan(actor, "teams:manage", { entityType: "Team", entityId: fieldOf(input, "teamId") });
  const parsed = ZRemoveTeamMember.safeParse(input);
  if (!parsed.success) return fail("invalid", "Choose a member to remove.", z.flattenError(parsed.error).fieldErrors);
  const { teamId, userId } = parsed.data;
  return runTransaction(db, async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (!team) return fail("not_found", "That team does not exist.");
    const removed = await tx.teamMember.deleteMany({ where: { teamId, userId } });
    if (removed.count === 0) return ok({ isRemoved: false });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await recordAudit(tx, actor, { action: "team.member.remove", entityType: "Team", entityId: teamId, after: { team: team.name, userId, email: user.email } });
    return ok({ isRemoved: true });
  });
}
