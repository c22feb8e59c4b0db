import { performance } from "node:perf_hooks";
import { cliActor, type TActor } from "@/lib/auth/permissions";
import { AUDIT_SEARCH_REFUSALS, listAuditEvents, type TAuditFilters } from "@/lib/data/audit/list-audit-events";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { createDb, type TDb } from "@/lib/db";
import { createDatabaseOn } from "@/tests/helpers/test-database";
import { createBenchRelease, seedAuditEvents } from "@/bench/lib/fixtures";
import { summarize, timeSerial } from "@/bench/lib/stats";
import { row, type TBenchRow } from "@/bench/lib/types";
import { createActor } from "@/tests/helpers/actors";

export type TAuditSearch = { name: string; filters: TAuditFilters };

/**
 * The searches measured on a large log (seeded by seedAuditEvents: 'bench event N' notes,
 * user0..49@example.com), about one item with a few events of its own.
 */
export function auditSearches(events: number, item: { id: string; text: string }): TAuditSearch[] {
  const one = Math.floor(events * 0.777);
  return [
    { name: "text in one event's payload", filters: { q: `bench event ${one}` } },
    { name: "text in no event", filters: { q: "no such text" } },
    { name: "text in every event", filters: { q: "bench event" } },
    { name: "text of one item", filters: { q: item.text } },
    { name: "part of a person (2% of events)", filters: { actor: "user7" } },
    { name: "part of no person", filters: { actor: "nobody" } },
    { name: "one item", filters: { itemId: item.id } },
  ];
}

/** The statements per search: a page of 51, as /audit asks for. */
async function search(actor: TActor, filters: TAuditFilters, db: TDb) {
  const result = await listAuditEvents(actor, filters, { limit: 51 }, db);
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

/**
 * Audit search on a log of `events` (run by bench/audit-search.ts; the http scenario times the
 * same searches as queries and pages): each search's p50/p95 through the data layer, a burst
 * of 16 slow searches while the main pool answers a health check, and how long the
 * migration's indexes take to build on a log this size.
 */
export async function measureAuditSearch({ serverUrl, events, quick, log }: { serverUrl: string; events: number; quick: boolean; log: (line: string) => void }): Promise<TBenchRow[]> {
  const database = await createDatabaseOn(serverUrl);
  // As the app runs them: on the audit reads' own pool of 3 (lib/db.ts).
  const searchDb = createDb(database.url, { max: 3 });
  const rows: TBenchRow[] = [];
  const group = `Audit search (${events.toLocaleString("en")} events)`;
  try {
    const admin = await createActor(database.db, "ADMIN");
    const release = await createBenchRelease(database.db, admin, 5_000);
    const itemId = release.itemIds[4_320]!;
    const item = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } });
    for (let i = 0, version = item.version; i < 10; i += 1) {
      const ticked = await updateItemStatus(admin, { itemId, expectedVersion: version, status: i % 2 ? "OPEN" : "DONE" }, database.db);
      if (!ticked.ok) throw new Error(ticked.error);
      version = ticked.data.item.version;
    }
    log(`  seeding ${events.toLocaleString("en")} audit events through the chaining trigger…`);
    const seeded = await seedAuditEvents(database.db, events);
    log(`  seeded in ${seeded.toFixed(0)} s`);
    rows.push({ group, name: "seeding, 50 000 per statement through the chaining trigger, with the search indexes", value: seeded * 1000 });
    await database.db.$executeRawUnsafe("VACUUM ANALYZE audit_events");
    await database.db.$executeRawUnsafe("ANALYZE release_items");

    const actor = cliActor("bench");
    for (const { name, filters } of auditSearches(events, { id: itemId, text: item.text })) {
      const found = (await search(actor, filters, searchDb)).length;
      const summary = await timeSerial(() => search(actor, filters, searchDb), { runs: quick ? 5 : 20, warmup: 2 });
      log(`  ${name}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms (${found} found)`);
      rows.push(row(group, `search: ${name}`, summary, { note: `${found === 51 ? "a full page" : `${found} found`}` }));
    }

    // 16 searches that read every event (two characters: no trigram), at once, while the
    // main pool answers a health check every 50 ms.
    const burst = Array.from({ length: 16 }, async () => {
      const start = performance.now();
      const result = await listAuditEvents(actor, { q: "zq" }, { limit: 51 }, searchDb);
      return { ms: performance.now() - start, refused: result.ok ? null : result.error };
    });
    const health: number[] = [];
    let healthErrors = 0;
    let running = true;
    const probe = (async () => {
      while (running) {
        const start = performance.now();
        try {
          await database.db.$queryRaw`SELECT 1`;
          health.push(performance.now() - start);
        } catch {
          healthErrors += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const outcomes = await Promise.all(burst);
    running = false;
    await probe;
    const tooSlow = outcomes.filter((o) => o.refused === AUDIT_SEARCH_REFUSALS.tooSlow).length;
    const busy = outcomes.filter((o) => o.refused === AUDIT_SEARCH_REFUSALS.busy).length;
    log(`  burst: ${tooSlow} refused as too long, ${busy} as busy; health p95 ${summarize(health).p95.toFixed(1)} ms`);
    rows.push(row(group, "16 searches at once that read every event (2 characters), each", summarize(outcomes.map((o) => o.ms)), { note: `${16 - tooSlow - busy} answered, ${tooSlow} refused as too long, ${busy} as busy` }));
    rows.push(row(group, "main pool's health check during those 16", summarize(health), { note: `${healthErrors} errors` }));

    // What the migration costs an existing log this size: each index built again.
    for (const index of ["audit_events_search_text_trgm_idx", "audit_events_actor_label_trgm_idx", "audit_events_entity_id_idx", "audit_events_after_item_id_idx"]) {
      const start = performance.now();
      await database.db.$executeRawUnsafe(`REINDEX INDEX "${index}"`);
      const seconds = (performance.now() - start) / 1000;
      log(`  building ${index}: ${seconds.toFixed(1)} s`);
      rows.push({ group, name: `building ${index} (the migration, once)`, unit: "ms", value: seconds * 1000 });
    }
  } finally {
    await searchDb.$disconnect();
    await database.drop();
  }
  return rows;
}
