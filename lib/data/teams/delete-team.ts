import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { countOpenItemsNaming, lockTeam } from "@/lib/data/teams/team-rules";

export const ZDeleteTeam = z.object({ teamId: z.uuid() });
export type TDeleteTeam = z.input<typeof ZDeleteTeam>;

type TData = { name: string; openItemsNamingIt: number };

/**
 * Deletes a team and its memberships; the audit event keeps who its members were. Items that
 * name it keep their owner text, shown from then on as text, not as a team.
 */
export async function deleteTeam(actor: TActor, input: TDeleteTeam, db: TDb = getDb()): Promise<TResult<TData>> {
  assertCan(actor, "teams:manage", { entityType: "Team", entityId: fieldOf(input, "teamId") });
  const parsed = ZDeleteTeam.safeParse(input);
  if (!parsed.success) return fail("invalid", "Choose a team.", z.flattenError(parsed.error).fieldErrors);
  const { teamId } = parsed.data;
  return runTransaction(db, async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (!team) return fail("not_found", "That team does not exist.");
    const members = await tx.teamMember.findMany({ where: { teamId }, select: { user: { select: { email: true } } } });
    await tx.team.delete({ where: { id: teamId } });
    await recordAudit(tx, actor, {
      action: "team.delete",
      entityType: "Team",
      entityId: teamId,
      after: { name: team.name, members: members.map((m) => m.user.email).sort() },
    });
    return ok({ name: team.name, openItemsNamingIt: await countOpenItemsNaming(tx, team.name) });
  });
}
