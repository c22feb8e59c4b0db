import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import { zText } from "@/lib/data/text";
import { teamOwner } from "@/lib/domain/owners/owners";

/** A team's name: one line, as items name it ("team:<name>"). */
export const ZTeamName = zText()
  .trim()
  .min(1, "Give the team a name.")
  .max(80, "A team name is at most 80 characters.")
  .refine((name) => !/[\r\n\t]/.test(name), "A team name is one line.");

/** The team row, locked until the transaction ends: writes to one team take turns. */
export async function lockTeam(tx: TTx, teamId: string): Promise<{ id: string; name: string } | null> {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id::text AS id, name FROM teams WHERE id = ${teamId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** Another team already has this name, whatever its case (teams_name_lower_key enforces it too). */
export async function isNameTaken(tx: TTx, name: string, exceptId?: string): Promise<boolean> {
  const other = await tx.team.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  return !!other;
}

export const NAME_TAKEN = "Another team already has that name.";

/**
 * Items of releases still open whose owner names the team by this name. Renaming or deleting
 * a team does not rewrite them: an owner is part of what sign-offs vouch for (0007-owners.md).
 */
export async function countOpenItemsNaming(tx: TTx, name: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM release_items i JOIN releases r ON r.id = i.release_id
    WHERE r.status NOT IN ('SHIPPED', 'CANCELLED') AND lower(btrim(i.owner)) = lower(${teamOwner(name)})`;
  return row?.count ?? 0;
}
