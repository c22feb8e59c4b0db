import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";

export type TTeamMember = { userId: string; email: string; name: string | null; isDisabled: boolean };
export type TTeamListItem = {
  id: string;
  name: string;
  createdAt: string;
  members: TTeamMember[];
  /** Items of open releases (not shipped or cancelled) owned by the team, whatever their status. */
  openReleaseItems: number;
};

export type TTeamPerson = { userId: string; email: string; name: string | null };
/** The teams, and the people who can join one (enabled users). */
export type TTeamDirectory = { teams: TTeamListItem[]; people: TTeamPerson[] };

/** Every team with its members, for admins managing them. */
export async function listTeams(actor: TActor, db: TDb = getDb()): Promise<TTeamDirectory> {
  assertCan(actor, "teams:manage");
  const [teams, owned, people] = await Promise.all([
    db.team.findMany({
      orderBy: { name: "asc" },
      include: { members: { include: { user: { select: { id: true, email: true, name: true, disabledAt: true } } } } },
    }),
    // Owners compare trimmed and case-insensitively (lib/domain/owners/owners.ts).
    db.$queryRaw<{ id: string; count: number }[]>`
      SELECT t.id::text AS id, count(*)::int AS count
      FROM teams t
      JOIN release_items i ON lower(btrim(i.owner)) = lower('team:' || t.name)
      JOIN releases r ON r.id = i.release_id AND r.status NOT IN ('SHIPPED', 'CANCELLED')
      GROUP BY t.id`,
    db.user.findMany({ where: { disabledAt: null }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" } }),
  ]);
  const countOf = new Map(owned.map((row) => [row.id, row.count]));
  const list = teams.map((team) => ({
    id: team.id,
    name: team.name,
    createdAt: team.createdAt.toISOString(),
    members: team.members
      .map(({ user }) => ({ userId: user.id, email: user.email, name: user.name, isDisabled: !!user.disabledAt }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    openReleaseItems: countOf.get(team.id) ?? 0,
  }));
  return { teams: list, people: people.map((p) => ({ userId: p.id, email: p.email, name: p.name })) };
}
