import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { recordAudit, type TAuditInput } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { runTransaction } from "@/lib/data/run-transaction";

/** An audit event that is not part of a change: a sign-in, a sign-out, a refused request. */
export async function recordAuditNow(actor: TActor, event: TAuditInput, db: TDb = getDb()): Promise<void> {
  await runTransaction(db, (tx) => recordAudit(tx, actor, event));
}
