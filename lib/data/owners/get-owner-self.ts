import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import type { TOwnerSelf } from "@/lib/domain/owners/owners";

/**
 * The acting user as an owner: their email, their name and the teams they are in, read from
 * the database ("Mine" and My work match owners with ownerKeysOf). Null for an actor without
 * a user (the CLI).
 */
export async function getOwnerSelf(actor: TActor, db: TDb = getDb()): Promise<TOwnerSelf | null> {
  assertCan(actor, "release:read");
  if (!actor.id) return null;
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { email: true, name: true, teamMemberships: { select: { team: { select: { name: true } } } } },
  });
  if (!user) return null;
  return { email: user.email, name: user.name, teams: user.teamMemberships.map((m) => m.team.name).sort((a, b) => a.localeCompare(b)) };
}
