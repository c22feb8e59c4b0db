import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { AUDIT_SEARCH_REFUSALS, listAuditEvents, queryAuditEvents, type TAuditFilters } from "@/lib/data/audit/list-audit-events";
import { addComment } from "@/lib/data/releases/add-comment";
import { importRelease } from "@/lib/data/releases/import-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { createDb } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, testServerUrl, withAdminClient, type TTestDatabase } from "@/tests/helpers/test-database";

const SOURCE = "# Search\n\n## Checks\n\n- [x] Built\n- [ ] Tested in staging\n- [ ] Documented runbook\n\n## No-Go if any are true\n\n- [ ] Open incident\n";

// What every event looks like to a plain scan: the fields search reads, with the item the
// audit page joins (the join copied from before search used indexes).
type TScanned = { seq: bigint; actor_label: string; action: string; entity_id: string; item_key: string | null; before: string | null; after: string | null; item_text: string | null };

async function scanAll(db: TTestDatabase["db"]): Promise<TScanned[]> {
  return db.$queryRaw<TScanned[]>`
    SELECT e.seq, e.actor_label, e.action, e.entity_id, e.after->>'itemId' AS item_key, e.before::text AS before, e.after::text AS after, ri.text AS item_text
    FROM audit_events e
    LEFT JOIN LATERAL (
      SELECT text FROM release_items
      WHERE id = (SELECT CASE WHEN k ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN k::uuid END
                  FROM (SELECT coalesce(e.after->>'itemId', CASE WHEN e.entity_type = 'ReleaseItem' THEN e.entity_id END) AS k) AS key)
    ) AS ri ON true
    ORDER BY e.seq DESC`;
}

const has = (value: string | null, text: string) => value !== null && value.toLowerCase().includes(text.toLowerCase());

/** The filters' meaning, applied event by event (ILIKE '%text%' is a case-insensitive substring). */
function scanFilter(events: TScanned[], filters: TAuditFilters): bigint[] {
  return events
    .filter((e) => !filters.q || has(e.after, filters.q) || has(e.before, filters.q) || has(e.item_text, filters.q))
    .filter((e) => !filters.actor || (filters.actor.includes("@") ? e.actor_label === filters.actor.toLowerCase() : has(e.actor_label, filters.actor)))
    .filter((e) => !filters.action || e.action.startsWith(filters.action))
    .filter((e) => !filters.itemId || e.entity_id === filters.itemId || e.item_key === filters.itemId)
    .map((e) => e.seq);
}

/** A client that records the SQL it sends, to EXPLAIN exactly what the app runs. */
function recordingDb(url: string) {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
  const sent: { query: string; params: unknown[] }[] = [];
  db.$on("query", (e) => sent.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
  return { db, sent };
}

type TPlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: TPlanNode[] };
const nodes = (node: TPlanNode): TPlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe("audit search", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let itemIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN", "search-admin@example.com");
    const manager = await createActor(database.db, "RELEASE_MANAGER", "Carol.Ops@example.com");
    const imported = await importRelease(admin, { name: "Search", service: "search", version: "1", environment: "prod", source: SOURCE }, database.db);
    if (!imported.ok) throw new Error(imported.error);
    const items = await database.db.releaseItem.findMany({ where: { releaseId: imported.data.releaseId }, orderBy: { position: "asc" } });
    itemIds = items.map((i) => i.id);
    // Events the app writes: item changes (itemId in the payload) and comments.
    for (const item of items.slice(0, 3)) {
      const changed = await updateItemStatus(manager, { itemId: item.id, expectedVersion: item.version, status: "IN_PROGRESS" }, database.db);
      if (!changed.ok) throw new Error(changed.error);
      await addComment(manager, { itemId: item.id, body: `50% done_${item.key}, see the wiki` }, database.db);
    }
    // A few hundred more, through the chaining trigger, covering each way an event names an
    // item: after.itemId, a ReleaseItem's entity_id, both (after.itemId wins), an itemId
    // that is no id, and payloads that are null, arrays or only a "before".
    await database.db.$executeRaw`
      INSERT INTO audit_events (actor_label, action, entity_type, entity_id, release_id, before, after)
      SELECT (ARRAY['alice@example.com', 'bob@example.org', 'carol.ops@example.com', 'system', 'cli:import'])[1 + g % 5],
             (ARRAY['item.status.update', 'comment.add', 'release.create', 'evidence.add'])[1 + g % 4],
             CASE WHEN g % 5 = 0 THEN 'ReleaseItem' ELSE 'Comment' END,
             CASE WHEN g % 5 = 0 THEN (${itemIds}::text[])[1 + g % ${itemIds.length}] ELSE md5(g::text) END,
             ${imported.data.releaseId}::uuid,
             CASE WHEN g % 7 = 0 THEN jsonb_build_object('status', 'OPEN', 'note', 'before-word ' || g) END,
             CASE g % 6
               WHEN 0 THEN NULL
               WHEN 1 THEN jsonb_build_object('itemId', (${itemIds}::text[])[1 + (g / 6) % ${itemIds.length}], 'body', 'comment ' || g)
               WHEN 2 THEN jsonb_build_object('itemId', 'not-an-id', 'body', 'odd ' || g)
               WHEN 3 THEN jsonb_build_array('x', 'listed ' || g)
               ELSE jsonb_build_object('status', 'DONE', 'note', 'Rollout ' || g || ' at 100%')
             END
      FROM generate_series(1, 400) AS g`;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("finds what a plain scan finds: text, part of a person, an item, and combinations, page by page", async () => {
    const events = await scanAll(database.db);
    expect(events.length).toBeGreaterThan(400);
    const cases: TAuditFilters[] = [
      ...["documented", "RUNBOOK", "tested in", "Open incident", "DONE", '"status": "DONE"', "done_", "50%", "100%", "before-word 14", "rollout 3", "itemId", "not-an-id", "x", "ab", "zz-nowhere%' OR '1'='1", "}\n{"].map((q) => ({ q })),
      ...["alice", "EXAMPLE.C", "ops", "sys", "cli:", "nobody", "b"].map((actor) => ({ actor })),
      { actor: "Carol.Ops@example.com" },
      ...itemIds.map((itemId) => ({ itemId })),
      { itemId: "00000000-0000-4000-8000-000000000000" },
      { q: "built", actor: "carol" },
      { q: "comment", action: "comment." },
      { q: "Documented", itemId: itemIds[2] },
      { q: "rollout", actor: "ali", action: "release." },
    ];
    for (const filters of cases) {
      const expected = scanFilter(events, filters);
      const found = await queryAuditEvents(admin, filters, { limit: 1000 }, database.db);
      expect(found.map((e) => e.seq), JSON.stringify(filters)).toEqual(expected);
      // Page by page, newest first and (as the export reads) oldest first.
      const newestFirst: bigint[] = [];
      for (let before: bigint | null = null; ; ) {
        const page = await queryAuditEvents(admin, filters, { limit: 7, beforeSeq: before }, database.db);
        newestFirst.push(...page.map((e) => e.seq));
        if (page.length < 7) break;
        before = page.at(-1)!.seq;
      }
      expect(newestFirst, JSON.stringify(filters)).toEqual(expected);
      const oldestFirst: bigint[] = [];
      for (let after = BigInt(0); ; ) {
        const page = await queryAuditEvents(admin, filters, { limit: 11, afterSeq: after, order: "asc" }, database.db);
        oldestFirst.push(...page.map((e) => e.seq));
        if (page.length < 11) break;
        after = page.at(-1)!.seq;
      }
      expect(oldestFirst, JSON.stringify(filters)).toEqual([...expected].reverse());
    }
  });

  it("returns the same rows, item text included, whether found by search or by listing", async () => {
    const all = await queryAuditEvents(admin, {}, { limit: 1000 }, database.db);
    const found = await queryAuditEvents(admin, { q: "documented" }, { limit: 1000 }, database.db);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(all.filter((e) => found.some((f) => f.seq === e.seq)));
    expect(found.some((e) => e.item_text === "Documented runbook")).toBe(true);
  });

  // PGlite runs in one process and cannot cancel a running statement: these need a server.
  describe.skipIf(!testServerUrl())("at scale, on PostgreSQL (needs TEST_DATABASE_URL)", () => {
    beforeAll(async () => {
      await database.db.$executeRaw`
        INSERT INTO audit_events (actor_label, action, entity_type, entity_id, after)
        SELECT 'user' || (g % 50) || '@example.com',
               (ARRAY['item.status.update', 'evidence.add', 'comment.add', 'release.sign-off'])[1 + g % 4],
               'ReleaseItem', md5(g::text),
               jsonb_build_object('status', 'DONE', 'note', 'bench event ' || g)
        FROM generate_series(1, 50000) AS g`;
      // As autovacuum would: merges the trigram indexes' pending entries and gathers statistics.
      await database.db.$executeRawUnsafe("VACUUM ANALYZE audit_events");
      await database.db.$executeRawUnsafe("ANALYZE release_items");
    }, 180_000);

    async function planOf(filters: TAuditFilters): Promise<TPlanNode[]> {
      const { db, sent } = recordingDb(database.url);
      try {
        const result = await listAuditEvents(admin, filters, { limit: 51 }, db);
        expect(result.ok).toBe(true);
      } finally {
        await db.$disconnect();
      }
      const search = sent.find((s) => s.query.includes("FROM audit_events e"))!;
      const [row] = await withAdminClient(database.url, async (c) => (await c.query<{ "QUERY PLAN": { Plan: TPlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${search.query}`, search.params)).rows);
      return nodes(row!["QUERY PLAN"][0]!.Plan);
    }

    const indexesOn = (plan: TPlanNode[]) => plan.filter((n) => n["Index Name"]).map((n) => n["Index Name"]!);
    const seqScans = (plan: TPlanNode[]) => plan.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "audit_events");

    it.each<[string, TAuditFilters, string[]]>([
      ["text in a few payloads", { q: "bench event 4242" }, ["audit_events_search_text_trgm_idx"]],
      // Text in every event: read newest first until the page is full.
      ["text in every payload", { q: "bench event" }, ["audit_events_seq_key"]],
      // (Four items are read whole; a large release_items is read through its trigram index.)
      ["text of an item", { q: "documented runbook" }, ["audit_events_search_text_trgm_idx", "audit_events_after_item_id_idx", "audit_events_entity_id_idx"]],
      ["part of a person", { actor: "carol.o" }, ["audit_events_actor_label_trgm_idx"]],
      ["an item", { itemId: "00000000-0000-4000-8000-000000000001" }, ["audit_events_entity_id_idx", "audit_events_after_item_id_idx"]],
    ])("%s: read through its indexes, never a scan of every event", async (_, filters, expected) => {
      const plan = await planOf(filters);
      expect(seqScans(plan)).toEqual([]);
      expect(indexesOn(plan)).toEqual(expect.arrayContaining(expected));
    });

    it("a search past its statement timeout is refused with a message, and the timeout ends with it", async () => {
      const [before] = await database.db.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
      // Two characters have no trigram: this reads every event, far longer than 1 ms.
      const result = await listAuditEvents(admin, { q: "zq" }, { limit: 51, timeoutMs: 1 }, database.db);
      expect(result).toEqual({ ok: false, code: "busy", error: AUDIT_SEARCH_REFUSALS.tooSlow });
      await expect(queryAuditEvents(admin, { q: "zq" }, { limit: 51, timeoutMs: 1 }, database.db)).rejects.toThrow(/took too long; narrow it/);
      // The pooled connection kept the server's setting (SET LOCAL), and searches work again.
      const [setting] = await database.db.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
      expect(setting!.statement_timeout).toBe(before!.statement_timeout);
      expect(await listAuditEvents(admin, { q: "zq" }, { limit: 51 }, database.db)).toEqual({ ok: true, data: [] });
    });

    it("a search that finds every search connection taken is refused as busy", async () => {
      const small = createDb(database.url, { max: 1 });
      try {
        // Holds the pool's only connection past the wait for one (10 s, lib/db.ts).
        const holding = small.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(11)`, { timeout: 20_000 });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await listAuditEvents(admin, { q: "bench event 7" }, {}, small)).toEqual({ ok: false, code: "busy", error: AUDIT_SEARCH_REFUSALS.busy });
        await holding;
      } finally {
        await small.$disconnect();
      }
    }, 30_000);
  });
});
