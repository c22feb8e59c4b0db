// Who owns an item (docs/decisions/0007-owners.md). An owner is stored as text: a person by
// their email, a team as "team:<name>", anything else (an import's "Owner: sre-team") as
// free text. These rules read it; owners compare trimmed and case-insensitively.

export const TEAM_PREFIX = "team:";

/** The owner text that names a team. */
export function teamOwner(name: string): string {
  return `${TEAM_PREFIX}${name}`;
}

/** An owner as a chart or a list shows it without the directory: "SRE (team)" for a team, the text otherwise. */
export function ownerText(owner: string): string {
  const text = owner.trim();
  return text.toLowerCase().startsWith(TEAM_PREFIX) ? `${text.slice(TEAM_PREFIX.length).trim()} (team)` : text;
}

/** An owner as compared: trimmed, lower case. */
export function ownerKey(owner: string): string {
  return owner.trim().toLowerCase();
}

export type TOwnerDirectory = { users: { email: string; name: string | null }[]; teams: string[] };

export type TOwner =
  | { kind: "user"; email: string; name: string | null }
  | { kind: "team"; name: string }
  | { kind: "text"; text: string };

export type TOwnerIndex = ReadonlyMap<string, TOwner>;

/**
 * What each owner text means: a user's email names them, and so does their name when no one
 * else has it (imports write people's names); "team:<name>" names a team.
 */
export function indexOwners({ users, teams }: TOwnerDirectory): TOwnerIndex {
  const index = new Map<string, TOwner>();
  const named = users.filter((u) => u.name?.trim());
  const count = new Map<string, number>();
  for (const user of named) count.set(ownerKey(user.name!), (count.get(ownerKey(user.name!)) ?? 0) + 1);
  for (const user of named) if (count.get(ownerKey(user.name!)) === 1) index.set(ownerKey(user.name!), toUser(user));
  // An email or a team wins over a person's name that happens to read the same.
  for (const user of users) index.set(ownerKey(user.email), toUser(user));
  for (const name of teams) index.set(ownerKey(teamOwner(name)), { kind: "team", name });
  return index;
}

function toUser({ email, name }: { email: string; name: string | null }): TOwner {
  return { kind: "user", email, name: name?.trim() || null };
}

export function resolveOwner(owner: string, index: TOwnerIndex): TOwner {
  return index.get(ownerKey(owner)) ?? { kind: "text", text: owner.trim() };
}

/** An owner in words that say what it is: "Ada Lovelace", "SRE (team)", "“sre-team” (not a user or team)". */
export function ownerLabel(owner: TOwner): string {
  switch (owner.kind) {
    case "user":
      return owner.name ?? owner.email;
    case "team":
      return `${owner.name} (team)`;
    case "text":
      return `“${owner.text}” (not a user or team)`;
  }
}

export type TOwnerSelf = { email: string; name: string | null; teams: string[] };

/** The owner texts that mean this person: their email, their name, each of their teams. */
export function ownerKeysOf({ email, name, teams }: TOwnerSelf): string[] {
  const keys = [ownerKey(email), ...(name?.trim() ? [ownerKey(name)] : []), ...teams.map((team) => ownerKey(teamOwner(team)))];
  return [...new Set(keys)];
}

/** "Mine": owned by me, or by a team I am in. `keys` come from ownerKeysOf. */
export function isOwnedBy(owner: string | null | undefined, keys: readonly string[]): boolean {
  return !!owner?.trim() && keys.includes(ownerKey(owner));
}
