import { cliActor } from "@/lib/auth/permissions";
import { queryAuditEvents } from "@/lib/data/audit/list-audit-events";
import { createDatabaseOn } from "@/tests/helpers/test-database";
import { createBenchRelease, seedAuditEvents, type TBenchRelease } from "@/bench/lib/fixtures";
import { auditSearches } from "@/bench/scenarios/audit-search";
import { firstLoadJs, getPage, rssMb } from "@/bench/lib/http";
import { timeConcurrent, timeSerial } from "@/bench/lib/stats";
import { row, type TBenchRow, type TScenario } from "@/bench/lib/types";
import { createActor } from "@/tests/helpers/actors";
import { startAppServer } from "@/tests/helpers/app-server";
import { callServerAction, sessionCookie } from "@/tests/helpers/http-client";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";

export const httpScenario: TScenario = {
  id: "http",
  title: "Over HTTP: release page, audit log at 1M events, memory soak",
  async run({ serverUrl, quick, soakSeconds, log }) {
    const auditEvents = quick ? 100_000 : 1_000_000;
    const database = await createDatabaseOn(serverUrl);
    const rows: TBenchRow[] = [];
    try {
      const admin = await createActor(database.db, "ADMIN");
      const releases = new Map<number, TBenchRelease>();
      for (const size of [50, 500, 5_000]) releases.set(size, await createBenchRelease(database.db, admin, size));
      log(`  seeding ${auditEvents.toLocaleString("en")} audit events through the chaining trigger…`);
      const seeded = await seedAuditEvents(database.db, auditEvents);
      log(`  seeded in ${seeded.toFixed(0)} s`);
      await database.db.$executeRawUnsafe("VACUUM ANALYZE audit_events");

      const server = await startAppServer(database.url);
      try {
        const cookie = await sessionCookie(server.secret, admin.id!);
        const pageUrl = (size: number) => `${server.url}/releases/${releases.get(size)!.releaseId}`;

        // Release page, 500 items, 8 at a time.
        await timeConcurrent(8, quick ? 1 : 3, () => getPage(pageUrl(500), cookie));
        const page = await timeConcurrent(8, quick ? 3 : 15, () => getPage(pageUrl(500), cookie));
        rows.push(row("Release page (500 items)", "GET over HTTP, 8 concurrent", page, { target: "p95 ≤ 120 ms", met: page.p95 <= 120, ...(page.errors ? { note: `${page.errors} errors` } : {}) }));
        // Its floor: the same page of a 50-item release (the shell, the session, the banner, the sign-off card), 8 at a time.
        await timeConcurrent(8, 1, () => getPage(pageUrl(50), cookie));
        const floorPage = await timeConcurrent(8, quick ? 3 : 15, () => getPage(pageUrl(50), cookie));
        rows.push(row("Release page (500 items)", "floor: the 50-item page, 8 concurrent", floorPage));
        const js = await firstLoadJs(server.url, await getPage(pageUrl(500), cookie));
        rows.push({ group: "Release page (500 items)", name: `first-load JavaScript, gzipped (${js.files} files, ${(js.rawBytes / 1024).toFixed(0)} KB raw)`, unit: "KB", value: js.gzipBytes / 1024, target: "≤ 200 KB", met: js.gzipBytes / 1024 <= 200 });

        // Every core: the same page through npm start's cluster of 1 and of 2 servers, requests per second.
        const throughput: number[] = [];
        for (const workers of [1, 2]) {
          const clustered = await startAppServer(database.url, { workers, env: { NEXTAUTH_SECRET: server.secret } });
          try {
            const url = `${clustered.url}/releases/${releases.get(500)!.releaseId}`;
            await timeConcurrent(8, quick ? 1 : 3, () => getPage(url, cookie));
            const run = await timeConcurrent(8, quick ? 3 : 15, () => getPage(url, cookie));
            throughput.push(run.perSecond ?? 0);
            rows.push(row("Every core: release page (500 items), 8 concurrent", `${workers} worker${workers === 1 ? "" : "s"} (scripts/serve.mjs)`, run));
          } finally {
            await clustered.stop();
          }
        }
        const scaling = throughput[0] ? throughput[1]! / throughput[0] : 0;
        rows.push({ group: "Every core: release page (500 items), 8 concurrent", name: "throughput, 2 workers / 1", unit: "×", value: scaling, target: "≥ 1.7×", met: scaling >= 1.7, note: "the load generator shares the 2 cores" });

        for (const size of [50, 500, 5_000]) {
          const summary = await timeSerial(() => getPage(pageUrl(size), cookie), { runs: quick ? 5 : size === 5_000 ? 15 : 30, warmup: 2 });
          rows.push(row("Scaling: release page, 1 at a time", `${size} items`, summary));
        }
        // A first view: the whole answer of a revision no process has read yet (a tick just before each).
        const huge = releases.get(5_000)!;
        const hugeVersions = new Map((await database.db.releaseItem.findMany({ where: { releaseId: huge.releaseId }, select: { id: true, version: true } })).map((i) => [i.id, i.version]));
        const first = await timeSerial(
          async (i) => {
            const itemId = huge.itemIds[i % huge.itemIds.length]!;
            const ticked = await updateItemStatus(admin, { itemId, expectedVersion: hugeVersions.get(itemId)!, status: i % 2 ? "OPEN" : "DONE" }, database.db);
            if (!ticked.ok) throw new Error(ticked.error);
            hugeVersions.set(itemId, ticked.data.version);
            const t0 = performance.now();
            await getPage(pageUrl(5_000), cookie);
            return performance.now() - t0;
          },
          { runs: quick ? 3 : 10, warmup: 1, timesItself: true },
        );
        rows.push(row("Release page (5,000 items)", "first view after a change (whole answer)", first, { target: "p95 ≤ 500 ms", met: first.p95 <= 500 }));

        // Audit log at a million events: the query, then the page over HTTP.
        const actor = cliActor("bench");
        const newest = (await queryAuditEvents(actor, {}, { limit: 1 }, database.db))[0]!.seq;
        const deep = newest - BigInt(Math.floor(auditEvents * 0.8));
        const to = new Date().toISOString().slice(0, 10);
        const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
        const group = `Audit log (${auditEvents.toLocaleString("en")} events)`;
        const queries: [string, () => Promise<unknown>, string][] = [
          ["first page", () => queryAuditEvents(actor, {}, { limit: 51 }, database.db), ""],
          ["deep page (keyset, 80% down)", () => queryAuditEvents(actor, {}, { limit: 51, beforeSeq: deep }, database.db), `?before=${deep}`],
          ["filtered: person + date range", () => queryAuditEvents(actor, { actor: "user7@example.com", from, to }, { limit: 51 }, database.db), `?actor=user7%40example.com&from=${from}&to=${to}`],
        ];
        for (const [name, query, search] of queries) {
          const summary = await timeSerial(query, { runs: quick ? 10 : 40, warmup: 3 });
          rows.push(row(group, `query: ${name}`, summary, { target: "p95 ≤ 30 ms", met: summary.p95 <= 30 }));
          const http = await timeSerial(() => getPage(`${server.url}/audit${search}`, cookie), { runs: quick ? 5 : 30, warmup: 2 });
          rows.push(row(group, `page over HTTP: ${name}`, http, { target: "p95 ≤ 150 ms", met: http.p95 <= 150 }));
        }
        // Searches (text, part of a person, an item), a few runs each: no target yet.
        const itemId = releases.get(5_000)!.itemIds[4_320]!;
        const item = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } });
        for (const { name, filters } of auditSearches(auditEvents, { id: itemId, text: item.text })) {
          const summary = await timeSerial(() => queryAuditEvents(actor, filters, { limit: 51 }, database.db), { runs: quick ? 5 : 10, warmup: 2 });
          rows.push(row(group, `search: ${name}`, summary));
          const search = new URLSearchParams(Object.entries(filters) as [string, string][]);
          const http = await timeSerial(() => getPage(`${server.url}/audit?${search}`, cookie), { runs: quick ? 3 : 10, warmup: 1 });
          rows.push(row(group, `page over HTTP, search: ${name}`, http));
        }

        // Memory: after the runs above, then over a soak of mixed reads and writes.
        const afterRuns = rssMb(server.pid);
        rows.push({ group: "Memory (next start)", name: "server RSS after the runs above", unit: "MB", value: afterRuns });
        const small = releases.get(50)!;
        const versions = new Map((await database.db.releaseItem.findMany({ where: { releaseId: small.releaseId } })).map((i) => [i.id, i.version]));
        const mix = [
          () => getPage(pageUrl(500), cookie),
          () => getPage(`${server.url}/releases`, cookie),
          () => getPage(`${server.url}/dashboard`, cookie),
          () => getPage(`${server.url}/audit`, cookie),
          () => getPage(`${server.url}/releases/${small.releaseId}/history`, cookie),
        ];
        const samples: number[] = [];
        const timer = setInterval(() => samples.push(rssMb(server.pid)), 5_000);
        let conflicts = 0;
        const soak = await timeConcurrent(4, soakSeconds, async (worker, i) => {
          if (i % 3 === 0) {
            const itemId = small.itemIds[worker]!;
            const call = await callServerAction(server.url, { page: `/releases/${small.releaseId}`, action: "updateItemStatusAction", args: [{ itemId, expectedVersion: versions.get(itemId), status: i % 2 ? "OPEN" : "DONE" }], cookie });
            const result = call.result as { ok: boolean; data?: { item: { version: number } } } | undefined;
            if (!result?.ok) {
              conflicts += 1;
              throw new Error(call.body.slice(0, 200));
            }
            versions.set(itemId, result.data!.item.version);
            return;
          }
          await mix[i % mix.length]!();
        });
        clearInterval(timer);
        const start = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.1))] ?? afterRuns;
        const end = rssMb(server.pid);
        const growth = ((end - start) / start) * 100;
        log(`  soak: ${soak.n} requests in ${soakSeconds} s, ${soak.errors} errors, RSS ${start.toFixed(0)} → ${end.toFixed(0)} MB`);
        rows.push(row("Memory (next start)", `soak: ${soakSeconds} s of mixed pages and ticks, 4 concurrent`, soak, { note: `${soak.errors} errors${conflicts ? `, ${conflicts} refused ticks` : ""}` }));
        rows.push({ group: "Memory (next start)", name: `RSS growth over the soak (${start.toFixed(0)} → ${end.toFixed(0)} MB, from 10% in)`, unit: "%", value: growth, target: "≤ 10%", met: growth <= 10 });
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
    return rows;
  },
};
