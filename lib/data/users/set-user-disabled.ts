import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { countOtherActiveAdmins } from "@/lib/data/users/count-other-admins";
import { runTransaction } from "@/lib/data/run-transaction";

export const ZSetUserDisabled = z.object({ userId: z.uuid(), isDisabled: z.boolean() });
export type TSetUserDisabled = z.infer<typeof ZSetUserDisabled>;

/** Disabling takes effect on the user's next request: sessions are checked against the database. */
export async function setUserDisabled(actor: TActor, input: TSetUserDisabled, db: TDb = getDb()): Promise<TResult<{ isDisabled: boolean }>> {
  assertCan(actor, "users:manage", { entityType: "User", entityId: fieldOf(input, "userId") });
  const parsed = ZSetUserDisabled.safeParse(input);
  if (!parsed.success) return fail("invalid", "The change is not valid.", z.flattenError(parsed.error).fieldErrors);
  const { userId, isDisabled } = parsed.data;
  if (isDisabled && userId === actor.id) return fail("invalid", "You cannot disable your own account.");
  return runTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) return fail<{ isDisabled: boolean }>("not_found", "That user does not exist.");
    if (!!before.disabledAt === isDisabled) return ok({ isDisabled });
    if (isDisabled && before.role === "ADMIN" && (await countOtherActiveAdmins(tx, userId)) === 0) {
      return fail<{ isDisabled: boolean }>("invalid", "This is the last admin: make someone else an admin first.");
    }
    const disabledAt = isDisabled ? new Date() : null;
    // Disabling ends the user's sessions; enabling again does not revive them.
    await tx.user.update({ where: { id: userId }, data: { disabledAt, sessionGeneration: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: isDisabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: userId,
      before: { email: before.email, disabledAt: before.disabledAt?.toISOString() ?? null },
      after: { email: before.email, disabledAt: disabledAt?.toISOString() ?? null },
    });
    return ok({ isDisabled });
  });
}
