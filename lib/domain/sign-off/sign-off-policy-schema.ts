import { z } from "zod";
import { DEFAULT_SIGN_OFF_POLICY, SEAT_LIMITS, SEAT_ROLES } from "@/lib/domain/sign-off/sign-off-policy";

// The sign-off policy's schema (decision 0013): what a stored or submitted policy must be.
// Server-side readers import it; the browser needs only the types and words of sign-off-policy.ts.

const zName = z.string().trim().min(1, "Name the seat").max(SEAT_LIMITS.name);
export const ZSeat = z.object({
  /** Stable within a release: sign-offs name their seat by it. */
  key: z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/),
  name: zName,
  roles: z.array(z.enum(SEAT_ROLES)).max(SEAT_ROLES.length).default([]),
  teams: z.array(z.string().trim().min(1).max(100)).max(SEAT_LIMITS.people).default([]),
  users: z.array(z.string().trim().toLowerCase().min(3).max(320)).max(SEAT_LIMITS.people).default([]),
  required: z.number().int().min(1).max(SEAT_LIMITS.required).default(1),
  /** Added to one release by a release manager, not copied from its template version. */
  releaseOnly: z.boolean().default(false),
});
export type TSeat = z.infer<typeof ZSeat>;

export const ZSignOffPolicy = z
  .object({
    seats: z.array(ZSeat).min(1, "A release needs at least one sign-off seat").max(SEAT_LIMITS.seats),
    /** One person may fill several seats of a release. */
    allowMultipleSeats: z.boolean().default(false),
    /** A person who changed an item in this round may be a seat's only signer. */
    allowSelfApproval: z.boolean().default(true),
  })
  .refine((p) => new Set(p.seats.map((s) => s.key)).size === p.seats.length, "Two seats have the same name")
  .refine((p) => p.seats.every((s) => s.roles.length + s.teams.length + s.users.length > 0), "Say who may fill each seat: a role, a team or named people");
export type TSignOffPolicy = z.infer<typeof ZSignOffPolicy>;

/** A stored policy (jsonb) as the app reads it; anything unreadable falls back to the default seat. */
export function readSignOffPolicy(value: unknown): TSignOffPolicy {
  const parsed = ZSignOffPolicy.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SIGN_OFF_POLICY;
}
