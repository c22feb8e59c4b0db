import type { TActor } from "@/lib/auth/permissions";
import { importRelease } from "@/lib/data/releases/import-release";
import type { TDb } from "@/lib/db";
import { createActor } from "@/tests/helpers/actors";

export type TContendedRelease = { releaseId: string; itemIds: string[]; members: TActor[] };

/** A release of `items` blocking checks and `members` people allowed to tick them. */
export async function contendedRelease(db: TDb, { items, members }: { items: number; members: number }): Promise<TContendedRelease> {
  const admin = await createActor(db, "ADMIN");
  const source = `# Contended\n\n## Checks\n\n${Array.from({ length: items }, (_, i) => `- [ ] Check ${i + 1}`).join("\n")}\n`;
  const imported = await importRelease(admin, { name: "Contended", service: "reliability", version: "1", environment: "production", source }, db);
  if (!imported.ok) throw new Error(imported.error);
  const rows = await db.releaseItem.findMany({ where: { releaseId: imported.data.releaseId }, orderBy: { position: "asc" }, select: { id: true } });
  const people: TActor[] = [];
  for (let i = 0; i < members; i += 1) people.push(await createActor(db, "MEMBER"));
  return { releaseId: imported.data.releaseId, itemIds: rows.map((r) => r.id), members: people };
}

export type TStatusEvent = { seq: bigint; itemId: string; status: string; version: number };

/** Every status change of the release's items in the audit trail, in chain order. */
export async function statusEvents(db: TDb, releaseId: string): Promise<TStatusEvent[]> {
  const rows = await db.auditEvent.findMany({ where: { releaseId, action: "item.status.update" }, orderBy: { seq: "asc" }, select: { seq: true, entityId: true, after: true } });
  return rows.map((r) => {
    const after = r.after as { status: string; version: number };
    return { seq: r.seq, itemId: r.entityId, status: after.status, version: after.version };
  });
}

export const STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "BLOCKED"] as const;
export const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
