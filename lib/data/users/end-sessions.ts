import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";

/**
 * Ends every session of a user: their session generation moves on, and a session cookie
 * issued before no longer signs anyone in (lib/auth/current-actor.ts). Used by sign-out,
 * and by disabling a user or changing their role, so re-enabling never revives old sessions.
 */
export async function endSessions(db: TDb | TTx, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionGeneration: { increment: 1 } } });
}
