import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";

/** Just enough of a release to title a page about it. */
export async function getReleaseSummary(actor: TActor, releaseId: string, db: TDb = getDb()): Promise<{ id: string; name: string } | null> {
  assertCan(actor, "release:read");
  return db.release.findUnique({ where: { id: releaseId }, select: { id: true, name: true } });
}
