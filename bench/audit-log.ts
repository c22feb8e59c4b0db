// Seeds N audit events (default one million) into a throwaway database on
// TEST_DATABASE_URL's server and times the audit log queries the app runs.
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:audit [-- 1000000]
// Prints a Markdown table for BENCHMARKS.md. Figures, not assertions: timing is not a test.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { cliActor } from "@/lib/auth/permissions";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createDb } from "@/lib/db";
import { queryAuditEvents } from "@/lib/data/audit/list-audit-events";
import { runMigrations } from "@/lib/migrations/run-migrations";

const total = Number(process.argv[2] ?? 1_000_000);
const server = process.env.TEST_DATABASE_URL;
if (!server) {
  console.error("bench needs TEST_DATABASE_URL (a PostgreSQL server where it may create a database)");
  process.exit(1);
}
const name = `preflight_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();

async function timed<T>(label: string, work: () => Promise<T>, runs = 5): Promise<{ label: string; ms: number; result: T }> {
  await work(); // warm-up
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, ms: times[Math.floor(times.length / 2)]!, result };
}

try {
  await runMigrations(url);
  const db = createDb(url);
  const seedStart = performance.now();
  const batch = 50_000;
  for (let done = 0; done < total; done += batch) {
    const n = Math.min(batch, total - done);
    await db.$executeRawUnsafe(`
      INSERT INTO audit_events (actor_label, action, entity_type, entity_id, after, created_at)
      SELECT 'user' || (g % 50) || '@example.com',
             (ARRAY['item.status.update','evidence.add','comment.add','release.sign-off'])[1 + g % 4],
             'ReleaseItem', md5(g::text),
             jsonb_build_object('status', 'DONE', 'note', 'bench event ' || g),
             now() - make_interval(secs => ${total} - g)
      FROM generate_series(${done + 1}, ${done + n}) AS g`);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const actor = cliActor("bench");
  const first = await queryAuditEvents(actor, {}, { limit: 51 }, db);
  const results = [
    await timed("newest page (50 events)", () => queryAuditEvents(actor, {}, { limit: 51 }, db)),
    await timed("page after 100 000 events (keyset)", () => queryAuditEvents(actor, {}, { limit: 51, beforeSeq: first[0]!.seq - BigInt(100_000) }, db)),
    await timed("page at the very end (keyset)", () => queryAuditEvents(actor, {}, { limit: 51, beforeSeq: BigInt(60) }, db)),
    await timed("filtered by person, newest page", () => queryAuditEvents(actor, { actor: "user7@example.com" }, { limit: 51 }, db)),
    await timed("filtered by kind of change, newest page", () => queryAuditEvents(actor, { action: "release." }, { limit: 51 }, db)),
    await timed("text search, newest page", () => queryAuditEvents(actor, { q: "bench event 99999" }, { limit: 51 }, db), 3),
    await timed("verify-audit, whole chain", () => verifyAuditChain(db), 1),
  ];
  console.log(`\nSeeded ${total.toLocaleString("en")} events through the chaining trigger in ${seedSeconds.toFixed(1)} s.\n`);
  console.log("| query | median ms |\n| --- | ---: |");
  for (const r of results) console.log(`| ${r.label} | ${r.ms.toFixed(1)} |`);
  await db.$disconnect();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
