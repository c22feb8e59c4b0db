import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { recordAudit, type TAuditInput } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";

/** An audit event that is not part of a change: a sign-in, a sign-out, a refused request. */
export async function recordAuditNow(actor: TActor, event: TAuditInput, db: TDb = getDb()): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, actor, event));
}
