import "server-only";
import { z } from "zod";
import type { ForbiddenError } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { storableText } from "@/lib/data/text";
import { getDb, type TDb } from "@/lib/db";
import { runTransaction } from "@/lib/data/run-transaction";

const isUuid = (value: unknown): value is string => z.uuid().safeParse(value).success;

/**
 * Records a signed-in user's refused request, naming the entity and the release it was aimed
 * at (when they exist). Like every release-scoped write, it takes the release's lock before
 * the audit chain's: lib/data/releases/write-release.ts.
 */
export async function recordRefusal(error: ForbiddenError, db: TDb = getDb()): Promise<void> {
  const { actor, permission, target } = error;
  const entityId = typeof target?.entityId === "string" && target.entityId ? storableText(target.entityId).slice(0, 200) : null;
  await runTransaction(db, async (tx) => {
    let releaseId: string | null = null;
    if (target && isUuid(target.entityId)) {
      const rows =
        target.entityType === "ReleaseItem"
          ? await tx.$queryRaw<{ id: string }[]>`
              SELECT r.id::text AS id FROM releases r
              WHERE r.id = (SELECT release_id FROM release_items WHERE id = ${target.entityId}::uuid) FOR KEY SHARE`
          : target.entityType === "Release"
            ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM releases WHERE id = ${target.entityId}::uuid FOR KEY SHARE`
            : [];
      releaseId = rows[0]?.id ?? null;
    }
    await recordAudit(tx, actor, {
      action: "permission.denied",
      entityType: entityId ? target!.entityType : "Permission",
      entityId: entityId ?? permission,
      releaseId,
      after: { permission, ...(target ? { target: target.entityType } : {}) },
    });
  });
}
