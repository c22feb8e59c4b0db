import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "@/tests/e2e/browser";
import { CHROMIUM_MISSING, findChromium } from "@/tests/helpers/find-chromium";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { callServerAction, sessionCookie } from "@/tests/helpers/http-client";
import { startOwnPostgres, type TOwnPostgres } from "@/tests/helpers/own-postgres";
import { createDatabaseOn, type TTestDatabase } from "@/tests/helpers/test-database";
import { contendedRelease, pick, STATUSES, statusEvents, type TContendedRelease } from "@/tests/reliability/fixture";
import { reportScenario, tally } from "@/tests/reliability/report";

const OUTAGE_SECONDS = 10;
const CLIENTS = 8;
/** No request may take longer than this, outage or not. */
const REQUEST_LIMIT_MS = 10_000;
const STACK_TRACE = /\n\s+at \S.*\(|node_modules\/|\/work\/|\.ts:\d+:\d+|Error: .*\n\s+at /;
const ERROR_PAGE = /Something went wrong/;

type TRequest = { kind: "tick" | "page"; startedAt: number; ms: number; status: number; outcome: string; body: string };

// PostgreSQL stops (as a crash: no checkpoint) for 10 s in the middle of ticks and page
// loads, then comes back. The app must say so cleanly, recover by itself, and keep every
// item's state equal to what its audit trail says.
describe("database outage under load", () => {
  let postgres: TOwnPostgres;
  let database: TTestDatabase;
  let release: TContendedRelease;
  let server: TAppServer;
  let browser: Browser;

  beforeAll(async () => {
    const executablePath = findChromium(process.env);
    if (!executablePath) throw new Error(CHROMIUM_MISSING);
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    postgres = await startOwnPostgres();
    database = await createDatabaseOn(postgres.url);
    release = await contendedRelease(database.db, { items: 20, members: 4 });
    server = await startAppServer(database.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
    postgres?.destroy();
  });

  it(`answers 503 on /readyz, fails requests cleanly and recovers by itself within 5 s (${OUTAGE_SECONDS} s outage)`, async () => {
    const cookies = await Promise.all(release.members.map((m) => sessionCookie(server.secret, m.id!)));
    const page = `/releases/${release.releaseId}`;
    expect((await fetch(`${server.url}${page}`, { headers: { cookie: cookies[0]! } })).status).toBe(200);

    const requests: TRequest[] = [];
    const readyz: { at: number; status: number }[] = [];
    let isRunning = true;
    const t0 = Date.now();

    const poller = (async () => {
      while (isRunning) {
        const at = Date.now();
        const status = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(REQUEST_LIMIT_MS) }).then((r) => r.status, () => 0);
        readyz.push({ at, status });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      const cookie = cookies[client % cookies.length]!;
      while (isRunning) {
        const startedAt = Date.now();
        const isTick = client % 2 === 0;
        try {
          if (isTick) {
            const itemId = pick(release.itemIds);
            const { version } = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } }).catch(() => ({ version: 1 }));
            const call = await callServerAction(server.url, { page, action: "updateItemStatusAction", args: [{ itemId, expectedVersion: version, status: pick(STATUSES) }], cookie, timeoutMs: REQUEST_LIMIT_MS });
            const result = call.result as { ok: boolean; code?: string } | undefined;
            requests.push({ kind: "tick", startedAt, ms: call.ms, status: call.status, outcome: call.status !== 200 ? `http ${call.status}` : result?.ok ? "saved" : `refused: ${result?.code ?? "no result"}`, body: call.body });
          } else {
            const response = await fetch(`${server.url}${page}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
            const body = await response.text();
            requests.push({ kind: "page", startedAt, ms: Date.now() - startedAt, status: response.status, outcome: response.status === 200 ? "page shown" : `page ${response.status}`, body });
          }
        } catch (error) {
          requests.push({ kind: isTick ? "tick" : "page", startedAt, ms: Date.now() - startedAt, status: 0, outcome: `client gave up: ${error instanceof Error ? error.name : "error"}`, body: "" });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 5_000));
    postgres.stop("immediate");
    const downAt = Date.now();
    // What a person opening the release page sees meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const context = await browser.newContext();
    await context.addCookies([{ name: "next-auth.session-token", value: cookies[0]!.split("=")[1]!, url: server.url }]);
    const tab = await context.newPage();
    await tab.goto(`${server.url}${page}`);
    const seenDuringOutage = (await tab.getByRole("heading", { level: 1 }).first().textContent({ timeout: 5_000 }).catch(() => null)) ?? "(no heading)";
    const tabText = await tab.locator("body").innerText();
    await context.close();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, downAt + OUTAGE_SECONDS * 1000 - Date.now())));
    postgres.start();
    const upAt = Date.now();
    // Recovered: /readyz is 200 again and a page loads.
    let recoveredAt = 0;
    while (Date.now() - upAt < 30_000) {
      const ready = await fetch(`${server.url}/readyz`).then((r) => r.status, () => 0);
      const shown = await fetch(`${server.url}${page}`, { headers: { cookie: cookies[0]! }, redirect: "manual" }).then((r) => r.status, () => 0);
      if (ready === 200 && shown === 200) {
        recoveredAt = Date.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    isRunning = false;
    await Promise.all([poller, ...clients]);

    // Every item's state is what its audit trail says, and every saved tick is in the trail.
    const events = await statusEvents(database.db, release.releaseId);
    let halfApplied = 0;
    for (const itemId of release.itemIds) {
      const item = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } });
      const trail = events.filter((e) => e.itemId === itemId);
      const expectedStatus = trail.at(-1)?.status ?? "OPEN";
      if (item.status !== expectedStatus || item.version !== trail.length + 1) halfApplied += 1;
    }
    const chain = await verifyAuditChain(database.db);

    const during = readyz.filter((r) => r.at > downAt + 500 && r.at < upAt - 500);
    const readyzCounts = tally();
    for (const r of during) readyzCounts.add(String(r.status));
    const outcomes = tally();
    for (const r of requests) outcomes.add(`${r.kind}: ${r.outcome}`);
    const failed = requests.filter((r) => r.status !== 200 || r.outcome.startsWith("refused"));
    const leaking = failed.filter((r) => STACK_TRACE.test(r.body));
    const saved = requests.filter((r) => r.outcome === "saved").length;
    const figures = {
      outageSeconds: OUTAGE_SECONDS,
      clients: CLIENTS,
      requestsSent: requests.length,
      outcomesByKind: outcomes.counts,
      slowestRequestMs: Math.round(Math.max(...requests.map((r) => r.ms))),
      readyzPollsDuringOutage: during.length,
      readyzDuringOutage: readyzCounts.counts,
      secondsToRecover: recoveredAt ? ((recoveredAt - upAt) / 1000).toFixed(1) : "did not recover",
      ticksSaved: saved,
      failedResponsesShowingAStackTrace: leaking.length,
      itemsWhoseStateDisagreesWithTheirTrail: halfApplied,
      writesLost: halfApplied,
      verifyAudit: chain.ok ? "ok" : JSON.stringify(chain),
      headingABrowserShowedDuringTheOutage: seenDuringOutage,
      whatATickAnsweredDuringTheOutage: (requests.find((r) => r.outcome === "refused: unavailable")?.body.match(/"error":"([^"]+)"/) ?? [])[1],
      startedAt: new Date(t0).toISOString(),
    };
    reportScenario("database-outage", figures);

    expect(during.length).toBeGreaterThan(10);
    expect(during.every((r) => r.status === 503)).toBe(true);
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - upAt).toBeLessThanOrEqual(5_000);
    expect(requests.every((r) => r.status !== 0 && r.ms < REQUEST_LIMIT_MS)).toBe(true);
    expect(leaking.map((r) => r.body.slice(0, 300))).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
    // Ticks during the outage got an action error that says what happened, not a crash;
    // outside it, the only refusals are conflicts between the clients themselves.
    const inOutage = (r: TRequest) => r.startedAt > downAt + 500 && r.startedAt + r.ms < upAt - 500;
    expect(requests.filter((r) => r.kind === "tick" && inOutage(r)).every((r) => r.outcome === "refused: unavailable")).toBe(true);
    expect(failed.filter((r) => r.kind === "tick").every((r) => r.outcome === "refused: unavailable" || r.outcome === "refused: conflict")).toBe(true);
    // Pages during it answer 500, and a browser shows the error page (without a stack trace).
    expect(failed.filter((r) => r.kind === "page").every((r) => r.status === 500)).toBe(true);
    expect(seenDuringOutage).toMatch(ERROR_PAGE);
    expect(tabText).not.toMatch(STACK_TRACE);
    expect(saved).toBeGreaterThan(0);
    expect(halfApplied).toBe(0);
    expect(chain.ok).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

