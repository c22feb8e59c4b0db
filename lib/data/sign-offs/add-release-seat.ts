import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { syncReleaseStatus, writeRelease } from "@/lib/data/releases/write-release";
import { SEAT_LIMITS, SEAT_ROLES, seatKey, type TSeat } from "@/lib/domain/sign-off/sign-off-policy";
import { ZSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

const zList = (max: number) => z.array(z.string().trim().min(1).max(320)).max(max).default([]);
export const ZAddReleaseSeat = z
  .object({
    releaseId: z.uuid(),
    name: z.string().trim().min(1, "Name the seat").max(SEAT_LIMITS.name),
    roles: z.array(z.enum(SEAT_ROLES)).default([]),
    teams: zList(SEAT_LIMITS.people),
    users: zList(SEAT_LIMITS.people).transform((users) => users.map((u) => u.toLowerCase())),
    required: z.coerce.number().int().min(1).max(SEAT_LIMITS.required).default(1),
  })
  .refine((s) => s.roles.length + s.teams.length + s.users.length > 0, { message: "Say who may fill the seat: a role, a team or named people", path: ["roles"] });
export type TAddReleaseSeat = z.input<typeof ZAddReleaseSeat>;

/**
 * A release manager adds a sign-off seat to this release only (its template's seats stay, and
 * none can be removed). The release needs that seat's GO too: signed off no longer, if it was.
 */
export async function addReleaseSeat(actor: TActor, input: TAddReleaseSeat, db: TDb = getDb()): Promise<TResult<{ releaseId: string; seat: string; status: TReleaseStatus }>> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZAddReleaseSeat.safeParse(input);
  if (!parsed.success) return fail("invalid", "The seat is not complete.", z.flattenError(parsed.error).fieldErrors);
  const { releaseId, name, roles, teams, users, required } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx, { release }) => {
    const { signOffPolicy } = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { signOffPolicy: true } });
    // Never rebuilt from the default: a policy that cannot be read is not overwritten.
    const stored = ZSignOffPolicy.safeParse(signOffPolicy);
    if (!stored.success) return fail("invalid", "This release's sign-off seats cannot be read; ask an admin to check them.");
    const policy = stored.data;
    const seat: TSeat = { key: seatKey(name), name, roles, teams, users, required, releaseOnly: true };
    // A seat nobody can fill would hold the release for good (seats are never removed).
    const fillers = await tx.user.count({
      where: {
        disabledAt: null,
        OR: [
          ...(roles.length ? [{ role: { in: roles } }] : []),
          ...(users.length ? [{ email: { in: users, mode: "insensitive" as const } }] : []),
          ...(teams.length ? [{ teamMemberships: { some: { team: { name: { in: teams, mode: "insensitive" as const } } } } }] : []),
        ],
      },
    });
    if (fillers < required) {
      return fail(
        "invalid",
        `${fillers === 0 ? "Nobody" : `Only ${fillers} ${fillers === 1 ? "person" : "people"}`} can sign ${name} as described, and it needs ${required}: check the role, team names and emails.`,
        { name: ["Nobody enough can fill this seat"] },
      );
    }
    if (policy.seats.some((s) => s.key === seat.key)) return fail("invalid", `This release already has a seat named ${name}.`, { name: ["Choose another name"] });
    const next = ZSignOffPolicy.safeParse({ ...policy, seats: [...policy.seats, seat] });
    if (!next.success) return fail("invalid", next.error.issues[0]?.message ?? "The seat is not valid.");
    await tx.release.update({ where: { id: releaseId }, data: { signOffPolicy: next.data, revision: { increment: 1 } } });
    const status = await syncReleaseStatus(tx, release);
    return ok({
      data: { seat: seat.key, status },
      audit: { action: "release.seat.add", entityType: "Release", entityId: releaseId, after: { seat: { key: seat.key, name, roles, teams, users, required }, releaseStatus: status } },
    });
  });
}
