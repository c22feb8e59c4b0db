import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import type { TOwnerDirectory } from "@/lib/domain/owners/owners";

/**
 * Who can own an item: enabled users (name and email) and teams. Names owners on the release
 * page and fills the owner picker; disabled users are left out of both (their items then
 * show their email as text).
 */
export async function getOwnerDirectory(actor: TActor, db: TDb = getDb()): Promise<TOwnerDirectory> {
  assertCan(actor, "release:read");
  const [users, teams] = await Promise.all([
    db.user.findMany({ where: { disabledAt: null }, select: { email: true, name: true }, orderBy: [{ name: { sort: "asc", nulls: "last" } }, { email: "asc" }] }),
    db.team.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  return { users, teams: teams.map((t) => t.name) };
}
