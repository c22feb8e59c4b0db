import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { lockTeam } from "@/lib/data/teams/team-rules";

export const ZAddTeamMember = z.object({ teamId: z.uuid(), userId: z.uuid("Choose a person.") });
export type TAddTeamMember = z.input<typeof ZAddTeamMember>;

export async function addTeamMember(actor: TActor, input: TAddTeamMember, db: TDb = getDb()): Promise<TResult<{ isAdded: boolean }>> {
  assertCan(actor, "teams:manage", { entityType: "Team", entityId: fieldOf(input, "teamId") });
  const parsed = ZAddTeamMember.safeParse(input);
  if (!parsed.success) return fail("invalid", "Choose a person to add.", z.flattenError(parsed.error).fieldErrors);
  const { teamId, userId } = parsed.data;
  return runTransaction(db, async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (!team) return fail("not_found", "That team does not exist.");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
    if (!user) return fail("not_found", "That user does not exist.");
    if (user.disabledAt) return fail("invalid", `${user.email} is disabled: enable them before adding them to a team.`);
    const existing = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (existing) return ok({ isAdded: false });
    await tx.teamMember.create({ data: { teamId, userId } });
    await recordAudit(tx, actor, { action: "team.member.add", entityType: "Team", entityId: teamId, after: { team: team.name, userId, email: user.email } });
    return ok({ isAdded: true });
  });
}
