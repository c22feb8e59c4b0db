import "server-only";
import { isUniqueViolation } from "@/lib/db-errors";
import { z } from "zod";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { isNameTaken, NAME_TAKEN, ZTeamName } from "@/lib/data/teams/team-rules";

export const ZCreateTeam = z.object({ name: ZTeamName });
export type TCreateTeam = z.input<typeof ZCreateTeam>;

export async function createTeam(actor: TActor, input: TCreateTeam, db: TDb = getDb()): Promise<TResult<{ teamId: string; name: string }>> {
  assertCan(actor, "teams:manage");
  const parsed = ZCreateTeam.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the team's name.", z.flattenError(parsed.error).fieldErrors);
  const { name } = parsed.data;
  try {
    return await runTransaction(db, async (tx) => {
      if (await isNameTaken(tx, name)) return fail("invalid", NAME_TAKEN, { name: [NAME_TAKEN] });
      const team = await tx.team.create({ data: { name } });
      await recordAudit(tx, actor, { action: "team.create", entityType: "Team", entityId: team.id, after: { name } });
      return ok({ teamId: team.id, name });
    });
  } catch (error) {
    // Two admins creating the same name at once: the unique index decides.
    if (isUniqueViolation(error)) return fail("invalid", NAME_TAKEN, { name: [NAME_TAKEN] });
    throw error;
  }
}
