import { teamOwner, type TOwnerDirectory } from "@/lib/domain/owners/owners";

/** The id of the page's one list of owners, which every owner field offers. */
export const OWNER_OPTIONS_ID = "owner-options";

/**
 * The people and teams an item can be given to, once per page (not once per item): an owner
 * field offers them and still takes any text. A person is stored as their email, a team as
 * "team:<name>" (docs/decisions/0007-owners.md).
 */
export function OwnerOptions({ directory }: { directory: TOwnerDirectory }) {
  return (
    <datalist id={OWNER_OPTIONS_ID}>
      {directory.teams.map((name) => (
        <option key={`team:${name}`} value={teamOwner(name)} label={`${name} (team)`} />
      ))}
      {directory.users.map((user) => (
        <option key={user.email} value={user.email} label={user.name ? `${user.name} (${user.email})` : user.email} />
      ))}
    </datalist>
  );
}
