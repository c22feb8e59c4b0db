import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { callServerAction, sessionCookie } from "@/tests/helpers/http-client";
import { startOwnPostgres, type TOwnPostgres } from "@/tests/helpers/own-postgres";
import { createDatabaseOn, type TTestDatabase } from "@/tests/helpers/test-database";
import { contendedRelease, pick, STATUSES, statusEvents, type TContendedRelease } from "@/tests/reliability/fixture";
import { reportScenario, tally } from "@/tests/reliability/report";

const CLIENTS = 50;
const ITEMS = 20;
const SECONDS = Number(process.env.RELIABILITY_SECONDS ?? 30);

type TAccepted = { itemId: string; version: number; status: string; instance: number };

// 50 people ticking the same 20 items for 30 s through the real HTTP path (the server
// action, as the browser calls it), split across two `next start` processes on one database.
describe("contention on two app instances", () => {
  let postgres: TOwnPostgres;
  let database: TTestDatabase;
  let release: TContendedRelease;
  const servers: TAppServer[] = [];
  const secret = randomBytes(32).toString("base64url");

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    database = await createDatabaseOn(postgres.url);
    release = await contendedRelease(database.db, { items: ITEMS, members: 10 });
    // The same secret on both, as a fleet shares it; nothing else is shared but the database.
    // The test stands in for one proxy: the X-Forwarded-For it sends is the client address.
    for (let i = 0; i < 2; i += 1) servers.push(await startAppServer(database.url, { env: { NEXTAUTH_SECRET: secret, PREFLIGHT_AUTH_RATE_LIMIT: "10", PREFLIGHT_TRUSTED_PROXIES: "1" } }));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    postgres?.destroy();
  });

  it(`loses no accepted tick, applies none twice and answers every refusal as a conflict (${CLIENTS} clients, ${SECONDS} s)`, async () => {
    const cookies = await Promise.all(release.members.map((m) => sessionCookie(secret, m.id!)));
    const page = `/releases/${release.releaseId}`;
    for (const server of servers) expect((await fetch(`${server.url}${page}`, { headers: { cookie: cookies[0]! } })).status).toBe(200);

    const accepted: TAccepted[] = [];
    const errors = tally();
    let sent = 0;
    let conflicts = 0;
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const instance = client % 2;
        const known = new Map<string, number>();
        const reload = async (itemId: string) => {
          const row = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } });
          known.set(itemId, row.version);
        };
        while (Date.now() < deadline) {
          const itemId = pick(release.itemIds);
          if (!known.has(itemId)) await reload(itemId);
          const status = pick(STATUSES);
          sent += 1;
          try {
            const call = await callServerAction(servers[instance]!.url, {
              page,
              action: "updateItemStatusAction",
              args: [{ itemId, expectedVersion: known.get(itemId), status }],
              cookie: cookies[client % cookies.length],
              timeoutMs: 30_000,
            });
            const result = call.result as { ok: boolean; code?: string; data?: { item: { version: number } } } | undefined;
            if (call.status !== 200) errors.add(`http ${call.status}`);
            else if (!result) errors.add("no result in the response");
            else if (result.ok) {
              accepted.push({ itemId, version: result.data!.item.version, status, instance });
              known.set(itemId, result.data!.item.version);
            } else if (result.code === "conflict") {
              conflicts += 1;
              await reload(itemId); // the person reloads, as the conflict message asks
            } else errors.add(`refused: ${result.code}`);
          } catch (error) {
            errors.add(error instanceof Error ? error.name : "error");
          }
        }
      }),
    );

    // Per item: accepted versions are distinct (nothing applied twice) and the item is the
    // highest one (nothing lost); the audit trail has each accepted write exactly once.
    const events = await statusEvents(database.db, release.releaseId);
    const eventCount = new Map<string, number>();
    for (const e of events) eventCount.set(`${e.itemId}@${e.version}:${e.status}`, (eventCount.get(`${e.itemId}@${e.version}:${e.status}`) ?? 0) + 1);
    let lost = 0;
    let doubled = 0;
    let auditMismatches = 0;
    for (const itemId of release.itemIds) {
      const writes = accepted.filter((w) => w.itemId === itemId).sort((a, b) => a.version - b.version);
      doubled += writes.length - new Set(writes.map((w) => w.version)).size;
      const item = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } });
      const last = writes.at(-1);
      for (const write of writes) {
        const superseded = write !== last && write.version < item.version;
        const isFinal = write === last && item.version === write.version && item.status === write.status;
        if (!superseded && !isFinal) lost += 1;
        if (eventCount.get(`${itemId}@${write.version}:${write.status}`) !== 1) auditMismatches += 1;
      }
    }
    const chain = await verifyAuditChain(database.db);
    const figures = {
      clients: CLIENTS,
      instances: servers.length,
      items: ITEMS,
      seconds: SECONDS,
      requestsSent: sent,
      accepted: accepted.length,
      acceptedPerInstance: [0, 1].map((i) => accepted.filter((w) => w.instance === i).length),
      conflictsAnsweredAsConflicts: conflicts,
      errorsByKind: errors.counts,
      statusEventsInAudit: events.length,
      acceptedWithoutExactlyOneAuditEvent: auditMismatches,
      appliedTwice: doubled,
      writesLost: lost,
      verifyAudit: chain.ok ? "ok" : JSON.stringify(chain),
    };
    reportScenario("contention-two-instances", figures);

    expect(errors.total()).toBe(0);
    expect(accepted.length + conflicts).toBe(sent);
    expect(accepted.length).toBeGreaterThan(50);
    expect(conflicts).toBeGreaterThan(0);
    expect(figures.acceptedPerInstance.every((n) => n > 0)).toBe(true);
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
    expect(auditMismatches).toBe(0);
    expect(events.length).toBe(accepted.length);
    expect(chain.ok).toBe(true);
  });

  it("counts sign-in attempts once across both instances, and honours a session on either", async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    // The limit counts per fixed minute (lib/security/rate-limit.ts): start well inside one,
    // or the attempts split across two windows and fewer are refused.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 250));
    const statuses: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      const response = await fetch(`${servers[i % 2]!.url}/api/auth/signin`, { headers: { "x-forwarded-for": address }, redirect: "manual" });
      statuses.push(response.status);
    }
    const refused = statuses.filter((s) => s === 429).length;
    reportScenario("shared-state-two-instances", { signInAttempts: statuses.length, limitPerMinute: 10, refusedWith429: refused });
    expect(refused).toBe(6);
    const cookie = await sessionCookie(secret, release.members[0]!.id!);
    for (const server of servers) expect((await fetch(`${server.url}/releases`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
  });
});
