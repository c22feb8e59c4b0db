import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { countAuditEvents, listAuditEvents, type TAuditFilters, type TAuditRow } from "@/lib/data/audit/list-audit-events";
import { getDbsIfCreated } from "@/lib/db";
import { toCsv } from "@/lib/domain/csv";
import { createRecordCounter, totalFromHeader } from "@/components/ui/progress-format";
import type { TAuditExportFormat } from "@/lib/domain/audit/audit-export-file";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// The audit export route as the browser calls it: its bytes (pinned to the format it has
// always had, across its 1 000-event batches) and the total it announces for the progress
// the audit page shows.

const currentActor = vi.hoisted(() => ({ value: null as null | TActor }));
vi.mock("@/lib/auth/current-actor", () => ({
  getCurrentActor: async () => currentActor.value,
  requireCurrentActor: async () => currentActor.value,
}));

const EVENTS = 2_345;
const COLUMNS = ["seq", "created_at", "actor", "action", "entity_type", "entity_id", "release_id", "before", "after", "request_id", "ip", "user_agent", "prev_hash", "hash"];

/** The export's record of an event, written out here so that a change to the route's output fails this test. */
const record = (row: TAuditRow) => ({
  seq: row.seq.toString(),
  created_at: row.created_at.toISOString(),
  actor: row.actor_label,
  action: row.action,
  entity_type: row.entity_type,
  entity_id: row.entity_id,
  release_id: row.release_id,
  before: row.before,
  after: row.after,
  request_id: row.request_id,
  ip: row.ip,
  user_agent: row.user_agent,
  prev_hash: row.prev_hash,
  hash: row.hash,
});

function expectedBody(rows: TAuditRow[], format: TAuditExportFormat): string {
  const records = rows.map(record);
  if (format === "json") return `[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`;
  const cells = records.map((r) => ({ ...r, before: r.before ? JSON.stringify(r.before) : "", after: r.after ? JSON.stringify(r.after) : "" }));
  return toCsv([], { header: true, columns: COLUMNS }) + toCsv(cells, { columns: COLUMNS });
}

type TExported = { status: number; headers: Headers; body: string; counted: number };

describe("audit export", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let route: { GET: (request: Request) => Promise<Response> };

  /** Reads the export as the page does: chunk by chunk, counting events as they arrive. */
  async function exportOf(query: string, format: TAuditExportFormat): Promise<TExported> {
    const response = await route.GET(new Request(`http://localhost/audit/export?${query}&format=${format}`));
    const counter = createRecordCounter(format);
    const decoder = new TextDecoder();
    let body = "";
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Cut where it hurts: inside quotes, between a line break and its "{".
      for (let at = 0; at < value.byteLength; at += 97) {
        const text = decoder.decode(value.subarray(at, at + 97), { stream: true });
        counter.add(text);
        body += text;
      }
    }
    const rest = decoder.decode();
    counter.add(rest);
    body += rest;
    return { status: response.status, headers: response.headers, body, counted: counter.records };
  }

  async function allRows(filters: TAuditFilters): Promise<TAuditRow[]> {
    const listed = await listAuditEvents(admin, filters, { order: "asc", limit: 100_000 }, database.db);
    if (!listed.ok) throw new Error(listed.error);
    return listed.data;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    vi.stubEnv("DATABASE_URL", database.url);
    admin = await createActor(database.db, "ADMIN", "export-admin@example.com");
    // Through the chaining trigger, over two batch boundaries, with what CSV must quote:
    // commas, quotes, line breaks (a user agent, a payload) and cells that look like formulas.
    await database.db.$executeRaw`
      INSERT INTO audit_events (actor_label, action, entity_type, entity_id, before, after, request_id, ip, user_agent)
      SELECT (ARRAY['alice@example.com', 'bob@example.org', '=cmd|calc'])[1 + g % 3],
             (ARRAY['item.status.update', 'comment.add', 'release.create'])[1 + g % 3],
             'Comment',
             md5(g::text),
             CASE WHEN g % 4 = 0 THEN jsonb_build_object('note', 'line one' || chr(10) || 'line "two", ' || g) END,
             CASE WHEN g % 5 = 0 THEN NULL ELSE jsonb_build_object('body', 'comment {' || g || '}', 'list', jsonb_build_array(1, 'x')) END,
             'req-' || g,
             '10.0.0.' || (g % 250),
             CASE WHEN g % 6 = 0 THEN 'Agent "quoted", with' || chr(10) || 'a line break' ELSE 'curl/8' END
      FROM generate_series(1, ${EVENTS}) AS g`;
    route = (await import("@/app/(app)/audit/export/route")) as typeof route;
  });

  afterAll(async () => {
    // The route's own audit-read client (lib/db.ts) is ended and forgotten before its database goes.
    await Promise.all(getDbsIfCreated().map((db) => db.$disconnect()));
    const slots = globalThis as unknown as Record<string, unknown>;
    delete slots.preflightDb;
    delete slots.preflightAuditReadDb;
    await database?.drop();
    vi.unstubAllEnvs();
  });

  it("refuses without a signed-in user, and a malformed filter, in words", async () => {
    currentActor.value = null;
    const anonymous = await route.GET(new Request("http://localhost/audit/export?format=csv"));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "Sign in first." });
    currentActor.value = admin;
    const malformed = await route.GET(new Request("http://localhost/audit/export?format=json&from=0000-01-01"));
    expect(malformed.status).toBe(400);
  });

  it.each<TAuditExportFormat>(["csv", "json"])("exports every event as %s, oldest first, with the total it announces", async (format) => {
    currentActor.value = admin;
    const rows = await allRows({});
    expect(rows.length).toBeGreaterThanOrEqual(EVENTS);
    const exported = await exportOf("", format);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Type")).toBe(format === "csv" ? "text/csv; charset=utf-8" : "application/json");
    expect(exported.headers.get("Content-Disposition")).toBe(`attachment; filename="preflight-audit.${format}"`);
    expect(exported.headers.get("Cache-Control")).toBe("no-store");
    expect(totalFromHeader(exported.headers.get("X-Total-Count"))).toBe(rows.length);
    expect(exported.body).toBe(expectedBody(rows, format));
    // What the page counts as the bytes arrive is what the file holds.
    expect(exported.counted).toBe(rows.length);
    const parsed = format === "csv" ? (parseCsv(exported.body, { columns: true }) as { seq: string }[]) : (JSON.parse(exported.body) as { seq: string }[]);
    expect(parsed.map((r) => r.seq)).toEqual(rows.map((r) => r.seq.toString()));
  });

  it("announces the total of a filtered export, free text included", async () => {
    currentActor.value = admin;
    for (const [query, filters] of [
      ["actor=alice%40example.com", { actor: "alice@example.com" }],
      ["action=comment.", { action: "comment." }],
      ["q=comment+%7B12", { q: "comment {12" }],
    ] as [string, TAuditFilters][]) {
      const rows = await allRows(filters);
      expect(rows.length, query).toBeGreaterThan(0);
      const exported = await exportOf(query, "csv");
      expect(exported.headers.get("X-Total-Count"), query).toBe(String(rows.length));
      expect(exported.body, query).toBe(expectedBody(rows, "csv"));
      expect(exported.counted, query).toBe(rows.length);
      expect(await countAuditEvents(admin, filters, {}, database.db), query).toBe(rows.length);
    }
  });

  it("goes without a total when counting is slow or refused, and says other failures", async () => {
    // A client whose count never answers (PGlite cannot cancel one), or is cancelled by the statement timeout.
    const answering = (answer: () => Promise<unknown>) => ({ $queryRaw: () => ({}), $transaction: answer }) as unknown as TTestDatabase["db"];
    const started = performance.now();
    expect(await countAuditEvents(admin, {}, { timeoutMs: 50 }, answering(() => new Promise(() => {})))).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
    const cancelled = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    expect(await countAuditEvents(admin, {}, {}, answering(() => Promise.reject(cancelled)))).toBeNull();
    await expect(countAuditEvents(admin, {}, {}, answering(() => Promise.reject(new Error("relation does not exist"))))).rejects.toThrow("relation does not exist");
  });

  it("exports no events as a header or an empty array, with a total of 0", async () => {
    currentActor.value = admin;
    const csv = await exportOf("actor=nobody%40example.com", "csv");
    expect(csv.body).toBe(`${COLUMNS.join(",")}\n`);
    expect(csv.headers.get("X-Total-Count")).toBe("0");
    expect(csv.counted).toBe(0);
    const json = await exportOf("actor=nobody%40example.com", "json");
    expect(json.body).toBe("[\n\n]\n");
    expect(JSON.parse(json.body)).toEqual([]);
    expect(json.counted).toBe(0);
  });
});
