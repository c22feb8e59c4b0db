import "server-only";
import { z } from "zod";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";

/** Bootstraps an admin: creates the user, or promotes (and re-enables) an existing one. */
export async function createAdmin(actor: TActor, email: string, db: TDb = getDb()): Promise<TResult<{ userId: string; isNew: boolean }>> {
  assertCan(actor, "users:manage");
  const parsed = z.email().safeParse(email.trim().toLowerCase());
  if (!parsed.success) return fail("invalid", `${email} is not an email address`);
  return runTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { email: parsed.data } });
    const user = await tx.user.upsert({
      where: { email: parsed.data },
      create: { email: parsed.data, role: "ADMIN" },
      update: { role: "ADMIN", disabledAt: null, sessionGeneration: { increment: 1 } },
    });
    const after = { email: user.email, role: "ADMIN", disabledAt: null };
    await recordAudit(
      tx,
      actor,
      before
        ? { action: "user.role.update", entityType: "User", entityId: user.id, before: { role: before.role, disabledAt: before.disabledAt?.toISOString() ?? null }, after }
        : { action: "user.create", entityType: "User", entityId: user.id, after },
    );
    return ok({ userId: user.id, isNew: !before });
  });
}
