import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";

/** Just enough of a release to title a page about it and filter by its items. */
export async function getReleaseSummary(
  actor: TActor,
  releaseId: string,
  db: TDb = getDb(),
): Promise<{ id: string; name: string; items: { id: string; text: string }[] } | null> {
  assertCan(actor, "release:read");
  return db.release.findUnique({
    where: { id: releaseId },
    select: { id: true, name: true, items: { select: { id: true, text: true }, orderBy: { position: "asc" } } },
  });
}
