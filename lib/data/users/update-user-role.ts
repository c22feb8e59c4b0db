import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, ROLES, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { countOtherActiveAdmins } from "@/lib/data/users/count-other-admins";
import { runTransaction } from "@/lib/data/run-transaction";

export const ZUpdateUserRole = z.object({ userId: z.uuid(), role: z.enum(ROLES) });
export type TUpdateUserRole = z.infer<typeof ZUpdateUserRole>;

export async function updateUserRole(actor: TActor, input: TUpdateUserRole, db: TDb = getDb()): Promise<TResult<{ role: string }>> {
  assertCan(actor, "users:manage", { entityType: "User", entityId: fieldOf(input, "userId") });
  const parsed = ZUpdateUserRole.safeParse(input);
  if (!parsed.success) return fail("invalid", "Choose a role.", z.flattenError(parsed.error).fieldErrors);
  const { userId, role } = parsed.data;
  return runTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) return fail<{ role: string }>("not_found", "That user does not exist.");
    if (before.role === role) return ok({ role });
    if (before.role === "ADMIN" && !before.disabledAt && (await countOtherActiveAdmins(tx, userId)) === 0) {
      return fail<{ role: string }>("invalid", "This is the last admin: make someone else an admin first.");
    }
    // A role change ends the user's sessions: they sign in again under the new role.
    const changed = await tx.user.updateMany({ where: { id: userId, role: before.role }, data: { role, sessionGeneration: { increment: 1 } } });
    if (changed.count === 0) return fail<{ role: string }>("conflict", "Someone else changed this user meanwhile. Reload and try again.");
    await recordAudit(tx, actor, {
      action: "user.role.update",
      entityType: "User",
      entityId: userId,
      before: { email: before.email, role: before.role },
      after: { email: before.email, role },
    });
    return ok({ role });
  });
}
