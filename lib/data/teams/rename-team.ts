import "server-only";
import { isUniqueViolation } from "@/lib/db-errors";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { countOpenItemsNaming, isNameTaken, lockTeam, NAME_TAKEN, ZTeamName } from "@/lib/data/teams/team-rules";

export const ZRenameTeam = z.object({ teamId: z.uuid(), name: ZTeamName });
export type TRenameTeam = z.input<typeof ZRenameTeam>;

type TData = { name: string; previousName: string; openItemsNamingPrevious: number };

/**
 * Renames a team. Items that name it by its old name keep that name (they are not rewritten):
 * the answer says how many open ones do, for the admin to reassign.
 */
export async function renameTeam(actor: TActor, input: TRenameTeam, db: TDb = getDb()): Promise<TResult<TData>> {
  assertCan(actor, "teams:manage", { entityType: "Team", entityId: fieldOf(input, "teamId") });
  const parsed = ZRenameTeam.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the team's new name.", z.flattenError(parsed.error).fieldErrors);
  const { teamId, name } = parsed.data;
  try {
    return await runTransaction(db, async (tx) => {
      const team = await lockTeam(tx, teamId);
      if (!team) return fail("not_found", "That team does not exist.");
      if (team.name === name) return ok({ name, previousName: name, openItemsNamingPrevious: 0 });
      if (await isNameTaken(tx, name, teamId)) return fail("invalid", NAME_TAKEN, { name: [NAME_TAKEN] });
      await tx.team.update({ where: { id: teamId }, data: { name } });
      await recordAudit(tx, actor, { action: "team.rename", entityType: "Team", entityId: teamId, before: { name: team.name }, after: { name } });
      // A change of case only: items still name it (owners compare case-insensitively).
      const stale = team.name.toLowerCase() === name.toLowerCase() ? 0 : await countOpenItemsNaming(tx, team.name);
      return ok({ name, previousName: team.name, openItemsNamingPrevious: stale });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("invalid", NAME_TAKEN, { name: [NAME_TAKEN] });
    throw error;
  }
}
