import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";

/**
 * Ends every session of a user: their session generation moves on, and a session cookie
 * issued before no longer signs anyone in (lib/auth/current-actor.ts). Used by sign-out;
 * disabling a user and changing their role move it on in their own update of the user row.
 */
export async function endSessions(db: TDb | TTx, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionGeneration: { increment: 1 } } });
}
