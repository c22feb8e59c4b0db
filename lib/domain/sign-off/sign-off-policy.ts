import type { TSeat, TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

// Who must sign a release off (docs/decisions/0013-multi-party-sign-off.md): named seats
// ("Engineering", "Security", "Release manager"), each filled by people of a role, a team or
// named users, each needing a number of GO signatures. A template version holds the policy;
// a release copies it (a release manager may add seats to one release, never remove one).

export const SEAT_ROLES = ["ADMIN", "RELEASE_MANAGER", "MEMBER"] as const;
export type TSeatRole = (typeof SEAT_ROLES)[number];
export const SEAT_ROLE_WORDS: Record<TSeatRole, string> = { ADMIN: "admin", RELEASE_MANAGER: "release manager", MEMBER: "member" };
export const SEAT_LIMITS = { seats: 20, name: 60, people: 50, required: 10 } as const;
// The schema (zod) lives in sign-off-policy-schema.ts, so client components that use the
// words and standings below do not carry zod to the browser.
export type { TSeat, TSignOffPolicy };

/** Today's single sign-off: one release manager's (or an admin's) GO. Every release had it before seats. */
export const DEFAULT_SIGN_OFF_POLICY: TSignOffPolicy = {
  seats: [{ key: "release-manager", name: "Release manager", roles: ["RELEASE_MANAGER", "ADMIN"], teams: [], users: [], required: 1, releaseOnly: false }],
  allowMultipleSeats: false,
  allowSelfApproval: true,
};

const sameRoles = (a: readonly TSeatRole[], b: readonly TSeatRole[]) => a.length === b.length && a.every((role) => b.includes(role));

/** Whether a policy is the default one (a release manager's or an admin's GO), which a document need not state. */
export function isDefaultSignOffPolicy(policy: TSignOffPolicy): boolean {
  const fallback = DEFAULT_SIGN_OFF_POLICY;
  const [seat, ...others] = policy.seats;
  const defaultSeat = fallback.seats[0]!;
  return (
    seat !== undefined &&
    others.length === 0 &&
    policy.allowMultipleSeats === fallback.allowMultipleSeats &&
    policy.allowSelfApproval === fallback.allowSelfApproval &&
    seat.key === defaultSeat.key &&
    seat.name === defaultSeat.name &&
    sameRoles(seat.roles, defaultSeat.roles) &&
    seat.teams.length === 0 &&
    seat.users.length === 0 &&
    seat.required === defaultSeat.required &&
    !seat.releaseOnly
  );
}

/** "Security review" → "security-review": a seat's key from its name (a name without Latin letters or digits: "seat-" and a hash of it). */
export function seatKey(name: string): string {
  const latin = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  if (latin) return latin;
  // FNV-1a over the name's UTF-16 units: the same name, the same key.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return `seat-${hash.toString(16).padStart(8, "0")}`;
}

export type TSigner = { email: string; role: string; teams: readonly string[] };

/** Whether a person may fill a seat: their role, one of their teams, or their email named on it. */
export function canFillSeat(seat: TSeat, signer: TSigner): boolean {
  const teams = new Set(signer.teams.map((t) => t.toLowerCase()));
  return (
    (seat.roles as readonly string[]).includes(signer.role) ||
    seat.teams.some((t) => teams.has(t.toLowerCase())) ||
    seat.users.includes(signer.email.toLowerCase())
  );
}

/** "a release manager or admin", "an admin", "any member" (every role but viewer). */
function rolesInWords(roles: readonly TSeatRole[]): string {
  if (SEAT_ROLES.every((role) => roles.includes(role))) return "any member";
  const words = roles.map((role) => SEAT_ROLE_WORDS[role]).join(" or ");
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
}

/** Who may fill a seat, in words: "a release manager or admin, team Checkout, or ada@example.com". */
export function describeSeatFillers(seat: TSeat): string {
  const parts = [
    ...(seat.roles.length ? [rolesInWords(seat.roles)] : []),
    ...seat.teams.map((t) => `team ${t}`),
    ...seat.users,
  ];
  return parts.length <= 1 ? (parts[0] ?? "nobody") : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
}

/** A valid (not voided, not replaced) signature on a seat. */
export type TSeatSignature = { seatKey: string; userId: string; decision: "GO" | "NO_GO"; selfApproved: boolean };

export type TSeatStanding = {
  seat: TSeat;
  go: TSeatSignature[];
  noGo: TSeatSignature[];
  /** Enough GO signatures (and, with self-approval off, one from someone who changed nothing this round). */
  isFilled: boolean;
  /** How many more GO signatures it needs (at least 1 when only self-approvals fill it). */
  missing: number;
};

export function seatStandings(policy: TSignOffPolicy, valid: TSeatSignature[]): TSeatStanding[] {
  return policy.seats.map((seat) => {
    const mine = valid.filter((s) => s.seatKey === seat.key);
    const go = mine.filter((s) => s.decision === "GO");
    const noGo = mine.filter((s) => s.decision === "NO_GO");
    const hasIndependent = policy.allowSelfApproval || go.some((s) => !s.selfApproved);
    const missing = Math.max(seat.required - go.length, hasIndependent ? 0 : 1);
    return { seat, go, noGo, isFilled: missing === 0 && noGo.length === 0, missing };
  });
}

export type TSignOffState = {
  seats: TSeatStanding[];
  /** Every seat filled with GO, no seat said NO-GO, and the verdict lets the release go. */
  isSignedOff: boolean;
  /** A seat said NO-GO: the release is held whatever the verdict. */
  isHeld: boolean;
};

export function signOffState(policy: TSignOffPolicy, valid: TSeatSignature[], verdict: TVerdictValue | null): TSignOffState {
  const seats = seatStandings(policy, valid);
  const isHeld = seats.some((s) => s.noGo.length > 0);
  return { seats, isHeld, isSignedOff: !isHeld && seats.every((s) => s.isFilled) && verdict !== "NO_GO" };
}
