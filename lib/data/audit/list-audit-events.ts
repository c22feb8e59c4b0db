import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { optionalParam, zDay, zId } from "@/lib/http/params";

// Free text is cut to size; ids and days must be well-formed (lib/http/params.ts), so a
// malformed one is refused by the page or route instead of failing in the database.
export const ZAuditFilters = z.object({
  actor: zText().trim().max(200).optional().catch(undefined),
  action: zText().trim().max(100).optional().catch(undefined),
  entityType: zText().trim().max(100).optional().catch(undefined),
  releaseId: optionalParam(zId),
  itemId: optionalParam(zId),
  from: optionalParam(zDay),
  to: optionalParam(zDay),
  q: zText().trim().max(200).optional().catch(undefined),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export type TAuditRow = {
  seq: bigint;
  id: string;
  created_at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  release_id: string | null;
  release_name: string | null;
  item_text: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string | null;
  hash: string;
};

function whereClause(filters: TAuditFilters, beforeSeq: bigint | null, afterSeq: bigint | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // A whole address uses the (actor_label, seq) index; a fragment searches.
  if (filters.actor?.includes("@")) conditions.push(Prisma.sql`e.actor_label = ${filters.actor.toLowerCase()}`);
  else if (filters.actor) conditions.push(Prisma.sql`e.actor_label ILIKE ${like(filters.actor)}`);
  if (filters.action) conditions.push(Prisma.sql`e.action LIKE ${`${filters.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filters.entityType) conditions.push(Prisma.sql`e.entity_type = ${filters.entityType}`);
  if (filters.releaseId) conditions.push(Prisma.sql`e.release_id = ${filters.releaseId}::uuid`);
  if (filters.itemId) conditions.push(Prisma.sql`(e.entity_id = ${filters.itemId} OR e.after->>'itemId' = ${filters.itemId})`);
  if (filters.from) conditions.push(Prisma.sql`e.created_at >= ${new Date(`${filters.from}T00:00:00Z`)}`);
  if (filters.to) conditions.push(Prisma.sql`e.created_at < ${new Date(`${filters.to}T00:00:00Z`)}::timestamptz + interval '1 day'`);
  if (filters.q) {
    const pattern = like(filters.q);
    conditions.push(Prisma.sql`(e.after::text ILIKE ${pattern} OR e.before::text ILIKE ${pattern} OR ri.text ILIKE ${pattern})`);
  }
  if (beforeSeq !== null) conditions.push(Prisma.sql`e.seq < ${beforeSeq}`);
  if (afterSeq !== null) conditions.push(Prisma.sql`e.seq > ${afterSeq}`);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/**
 * One page of audit events, newest first (or oldest first for exports), by keyset on the
 * chain's sequence number: as fast at the millionth event as at the first.
 */
export async function queryAuditEvents(
  actor: TActor,
  filters: TAuditFilters,
  { beforeSeq = null, afterSeq = null, limit = 50, order = "desc" }: { beforeSeq?: bigint | null; afterSeq?: bigint | null; limit?: number; order?: "asc" | "desc" } = {},
  db: TDb = getDb(),
): Promise<TAuditRow[]> {
  assertCan(actor, "audit:read");
  return db.$queryRaw<TAuditRow[]>`
    SELECT e.seq, e.id::text AS id, e.created_at, e.actor_id::text AS actor_id, e.actor_label, e.action, e.entity_type, e.entity_id,
           e.release_id::text AS release_id, r.name AS release_name, ri.text AS item_text, e.before, e.after, e.request_id,
           e.ip, e.user_agent, e.prev_hash, e.hash
    FROM audit_events e
    LEFT JOIN releases r ON r.id = e.release_id
    -- One primary-key lookup per event (comparing ri.id::text instead scanned every item
    -- and turned a page into a hash join of the whole log).
    LEFT JOIN LATERAL (
      SELECT text FROM release_items
      WHERE id = (SELECT CASE WHEN k ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN k::uuid END
                  FROM (SELECT coalesce(e.after->>'itemId', CASE WHEN e.entity_type = 'ReleaseItem' THEN e.entity_id END) AS k) AS key)
    ) AS ri ON true
    ${whereClause(filters, beforeSeq, afterSeq)}
    ORDER BY e.seq ${order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`}
    LIMIT ${limit}`;
}
