import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getAuditReadDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { transientKind } from "@/lib/data/run-transaction";
import { errorChain } from "@/lib/db-errors";
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

// A search that runs longer than this is cancelled by PostgreSQL and refused with a message,
// so no search holds a connection for minutes (PGlite, single-process, cannot cancel one).
const STATEMENT_TIMEOUT_MS = 5_000;
const QUERY_CANCELED = "57014";

export const AUDIT_SEARCH_REFUSALS = {
  tooSlow: "The search took too long; narrow it: more characters, a person, an action or a date range.",
  busy: "Too many searches are running; try again in a moment.",
} as const;

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Every filter but free text, on alias e.
function filterConditions(filters: TAuditFilters, beforeSeq: bigint | null, afterSeq: bigint | null): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  // A whole address uses the (actor_label, seq) index; a fragment the trigram index.
  if (filters.actor?.includes("@")) conditions.push(Prisma.sql`e.actor_label = ${filters.actor.toLowerCase()}`);
  else if (filters.actor) conditions.push(Prisma.sql`e.actor_label ILIKE ${like(filters.actor)}`);
  if (filters.action) conditions.push(Prisma.sql`e.action LIKE ${`${filters.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filters.entityType) conditions.push(Prisma.sql`e.entity_type = ${filters.entityType}`);
  if (filters.releaseId) conditions.push(Prisma.sql`e.release_id = ${filters.releaseId}::uuid`);
  // Two btrees (entity_id, after->>'itemId') combined by a BitmapOr.
  if (filters.itemId) conditions.push(Prisma.sql`(e.entity_id = ${filters.itemId} OR e.after->>'itemId' = ${filters.itemId})`);
  if (filters.from) conditions.push(Prisma.sql`e.created_at >= ${new Date(`${filters.from}T00:00:00Z`)}`);
  if (filters.to) conditions.push(Prisma.sql`e.created_at < ${new Date(`${filters.to}T00:00:00Z`)}::timestamptz + interval '1 day'`);
  if (beforeSeq !== null) conditions.push(Prisma.sql`e.seq < ${beforeSeq}`);
  if (afterSeq !== null) conditions.push(Prisma.sql`e.seq > ${afterSeq}`);
  return conditions;
}

const and = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql` AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

/**
 * The sequence numbers of one page of events matching free text: in a payload, or in the text
 * of the item the event is about (the page's item join). An OR across the two tables can only
 * be answered by reading every event, so each way of matching is its own indexed query, cut
 * to the page, and the page is the newest (or oldest) of their union. Text under 3
 * characters has no trigram to look up: it is still searched, by reading events (newest
 * first, so common text fills a page at once), and the statement timeout bounds the rest.
 */
function textMatches(q: string, conditions: Prisma.Sql[], direction: Prisma.Sql, limit: number | null): Prisma.Sql {
  const pattern = like(q);
  // "after or before matches", as the trigram index holds them: both payloads' jsonb text
  // joined by a line break (the migration). jsonb text never contains one, so text with a
  // line break matches no payload, and text without one cannot match across the two.
  const inPayload = q.includes("\n") ? Prisma.sql`false` : Prisma.sql`audit_event_search_text(e.before, e.after) ILIKE ${pattern}`;
  // No limit: every match (for a count), in no order.
  const page = limit === null ? and(conditions) : Prisma.sql`${and(conditions)} ORDER BY e.seq ${direction} LIMIT ${limit}`;
  // The item join's key is after.itemId, else a ReleaseItem's entity_id; item ids are written
  // as PostgreSQL prints a uuid, so comparing text finds the same item the uuid join does.
  // The matching items are looked up once, for both ways an event names one.
  return Prisma.sql`
    WITH items AS MATERIALIZED (SELECT id::text AS id FROM release_items WHERE text ILIKE ${pattern})
    SELECT seq FROM (
      (SELECT e.seq FROM audit_events e WHERE ${inPayload}${page})
      UNION ALL
      (SELECT e.seq FROM items i JOIN audit_events e ON e.after->>'itemId' = i.id WHERE true${page})
      UNION ALL
      (SELECT e.seq FROM items i JOIN audit_events e ON e.entity_id = i.id
       WHERE e.entity_type = 'ReleaseItem' AND e.after->>'itemId' IS NULL${page})
    ) AS matches`;
}

function isQueryCanceled(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (e.code === QUERY_CANCELED || e.originalCode === QUERY_CANCELED) return true;
    if (typeof e.message === "string" && /canceling statement due to statement timeout/i.test(e.message)) return true;
  }
  return false;
}

type TQueryOptions = {
  beforeSeq?: bigint | null;
  afterSeq?: bigint | null;
  limit?: number;
  order?: "asc" | "desc";
  /** How long the query may run before it is refused (tests set it tiny). */
  timeoutMs?: number;
};

/**
 * One page of audit events, newest first (or oldest first for exports), by keyset on the
 * chain's sequence number: as fast at the millionth event as at the first. A search that
 * outruns the statement timeout, or finds every search connection taken, is refused with a
 * message the page can show. By default it runs on the audit reads' own small pool
 * (lib/db.ts), so searches never take the connections writes and /readyz need.
 */
export async function listAuditEvents(
  actor: TActor,
  filters: TAuditFilters,
  { beforeSeq = null, afterSeq = null, limit = 50, order = "desc", timeoutMs = STATEMENT_TIMEOUT_MS }: TQueryOptions = {},
  db: TDb = getAuditReadDb(),
): Promise<TResult<TAuditRow[]>> {
  assertCan(actor, "audit:read");
  const conditions = filterConditions(filters, beforeSeq, afterSeq);
  const direction = order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const where = filters.q
    ? Prisma.sql`WHERE e.seq IN (${textMatches(filters.q, conditions, direction, limit)})`
    : conditions.length
      ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`
      : Prisma.empty;
  try {
    // set_config(..., true) is SET LOCAL: the timeout ends with this transaction and never
    // outlives it on the pooled connection.
    const [, rows] = await db.$transaction([
      db.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`,
      db.$queryRaw<TAuditRow[]>`
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
        ${where}
        ORDER BY e.seq ${direction}
        LIMIT ${limit}`,
    ]);
    return ok(rows);
  } catch (error) {
    if (isQueryCanceled(error)) return fail("busy", AUDIT_SEARCH_REFUSALS.tooSlow);
    if (transientKind(error) === "busy") return fail("busy", AUDIT_SEARCH_REFUSALS.busy);
    throw error;
  }
}

/** listAuditEvents for callers with no way to show a refusal (the export's stream, scripts): it throws the message. */
export async function queryAuditEvents(actor: TActor, filters: TAuditFilters, options: TQueryOptions = {}, db: TDb = getAuditReadDb()): Promise<TAuditRow[]> {
  const result = await listAuditEvents(actor, filters, options, db);
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

/** How long an export waits for its count before it starts without one. */
export const AUDIT_COUNT_TIMEOUT_MS = 1_000;

/**
 * How many events match the filters now: the total an export announces (X-Total-Count) so the
 * browser can show how far it has got. Null when counting would take longer than `timeoutMs`
 * (a free-text search of a large log) or every search connection is busy: the export then
 * goes ahead without a total. It answers within about `timeoutMs` either way, also on PGlite,
 * which cannot cancel a statement (there the count finishes in the background).
 */
export async function countAuditEvents(
  actor: TActor,
  filters: TAuditFilters,
  { timeoutMs = AUDIT_COUNT_TIMEOUT_MS }: { timeoutMs?: number } = {},
  db: TDb = getAuditReadDb(),
): Promise<number | null> {
  assertCan(actor, "audit:read");
  const conditions = filterConditions(filters, null, null);
  const where = filters.q
    ? Prisma.sql`WHERE e.seq IN (${textMatches(filters.q, conditions, Prisma.empty, null)})`
    : conditions.length
      ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`
      : Prisma.empty;
  const counted = db
    .$transaction([
      db.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`,
      db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM audit_events e ${where}`,
    ])
    .then(([, rows]) => Number(rows[0]?.count ?? 0))
    .catch((error: unknown) => {
      if (isQueryCanceled(error) || transientKind(error) === "busy") return null;
      throw error;
    });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs + 250);
  });
  try {
    return await Promise.race([counted, late]);
  } finally {
    clearTimeout(timer);
    // A count that lost the race is not awaited; its failure must not go unhandled.
    counted.catch(() => {});
  }
}
