import { DEFAULT_SIGN_OFF_POLICY, SEAT_ROLE_WORDS, type TSeat, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";

// What publishing a template version changes in who signs its releases off, in the words the
// editor's publish review lists (draft-review-panel.tsx): seats added, removed or changed
// (matched by key, which a seat's name gives), and the rules. Pure: the editor's bundle may import it.

const signatures = (required: number) => `${required} ${required === 1 ? "signature" : "signatures"}`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** Who may fill a seat, as its Markdown line says it: "role release manager, admin; team Checkout, SRE; users sam@example.com". */
function fillerParts(seat: Pick<TSeat, "roles" | "teams" | "users">): { roles: string; teams: string; users: string } {
  return {
    roles: seat.roles.length ? `role ${seat.roles.map((role) => SEAT_ROLE_WORDS[role]).join(", ")}` : "no role",
    teams: seat.teams.length ? `team ${seat.teams.join(", ")}` : "no team",
    users: seat.users.length ? `users ${seat.users.join(", ")}` : "no users",
  };
}

/** Parts of a seat in words, the filler parts split by "; ", the signatures after a comma: "users sam@example.com, 2 signatures". */
function joinParts(fillers: string[], required: string | null): string {
  return [fillers.join("; "), required].filter(Boolean).join(", ");
}

/** A seat in words: "users sam@example.com, 2 signatures" (one signature is not said). */
export function describeSeatTerms(seat: TSeat): string {
  const parts = fillerParts(seat);
  const fillers = [seat.roles.length ? parts.roles : "", seat.teams.length ? parts.teams : "", seat.users.length ? parts.users : ""].filter(Boolean);
  return joinParts(fillers, seat.required === 1 ? null : signatures(seat.required));
}

/** What changed in a seat kept by key: "now team Checkout, SRE", or null when nothing did. */
function seatChanges(before: TSeat, after: TSeat): string | null {
  const is = fillerParts(after);
  const fillers = [
    ...(sameSet(before.roles, after.roles) ? [] : [is.roles]),
    ...(sameSet(before.teams, after.teams) ? [] : [is.teams]),
    ...(sameSet(before.users, after.users) ? [] : [is.users]),
  ];
  const required = before.required === after.required ? null : signatures(after.required);
  return fillers.length || required ? `now ${joinParts(fillers, required)}` : null;
}

/**
 * What `after` changes from `before` in words, in the order a reviewer reads them: seats
 * removed, added, renamed, changed, reordered, then the rules. Absent policies (a version
 * before seats, a draft whose seats were never edited, a template's first version) are the
 * default one; seats added to a single release are never a template's and are left out.
 */
export function diffSignOffPolicies(before: TSignOffPolicy | null | undefined, after: TSignOffPolicy | null | undefined): string[] {
  const templateSeats = (policy: TSignOffPolicy) => policy.seats.filter((seat) => !seat.releaseOnly);
  const was = before ?? DEFAULT_SIGN_OFF_POLICY;
  const is = after ?? DEFAULT_SIGN_OFF_POLICY;
  const oldSeats = templateSeats(was);
  const newSeats = templateSeats(is);
  const oldByKey = new Map(oldSeats.map((seat) => [seat.key, seat]));
  const newKeys = new Set(newSeats.map((seat) => seat.key));
  const changes: string[] = [];
  for (const seat of oldSeats) if (!newKeys.has(seat.key)) changes.push(`Seat removed: ${seat.name}`);
  for (const seat of newSeats) if (!oldByKey.has(seat.key)) changes.push(`Seat added: ${seat.name} (${describeSeatTerms(seat)})`);
  for (const seat of newSeats) {
    const previous = oldByKey.get(seat.key);
    if (!previous) continue;
    if (previous.name !== seat.name) changes.push(`Seat renamed: ${previous.name} → ${seat.name}`);
    const changed = seatChanges(previous, seat);
    if (changed) changes.push(`Seat changed: ${seat.name} (${changed})`);
  }
  // The seats kept, named as they are now: whether they come in another order.
  const keptAfter = newSeats.filter((seat) => oldByKey.has(seat.key));
  const nameOf = new Map(keptAfter.map((seat) => [seat.key, seat.name]));
  const keptBefore = oldSeats.filter((seat) => nameOf.has(seat.key));
  if (keptBefore.some((seat, index) => seat.key !== keptAfter[index]?.key)) {
    changes.push(`Seat order: ${keptBefore.map((seat) => nameOf.get(seat.key)).join(", ")} → ${keptAfter.map((seat) => seat.name).join(", ")}`);
  }
  if (was.allowMultipleSeats !== is.allowMultipleSeats) {
    changes.push(is.allowMultipleSeats ? "One person may now fill several seats" : "One person may now fill only one seat");
  }
  if (was.allowSelfApproval !== is.allowSelfApproval) changes.push(is.allowSelfApproval ? "Self-approval is now on" : "Self-approval is now off");
  return changes;
}
