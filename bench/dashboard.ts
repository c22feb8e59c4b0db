// Seeds 200 releases (20 items each) and 100 000 audit events of item changes into a
// throwaway database on TEST_DATABASE_URL's server, then times getDashboard, the server
// side of the dashboard page (it reads events on the server; none reach the browser).
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:dashboard
import { performance } from "node:perf_hooks";
import pg from "pg";
import { cliActor } from "@/lib/auth/permissions";
import { createDb } from "@/lib/db";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { createRelease } from "@/lib/data/releases/create-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { runMigrations } from "@/lib/migrations/run-migrations";

const RELEASES = 200;
const EVENTS = 100_000;
const server = process.env.TEST_DATABASE_URL;
if (!server) {
  console.error("bench needs TEST_DATABASE_URL (a PostgreSQL server where it may create a database)");
  process.exit(1);
}
const name = `preflight_bench_dash_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();

try {
  await runMigrations(url);
  const db = createDb(url);
  const actor = cliActor("bench");
  const sections = ["Security", "Backups", "Observability", "Rollout"];
  const source = `# Bench\n\n${sections.map((s, si) => `## ${s}\n\n${Array.from({ length: 5 }, (_, i) => `- [ ] ${s} check ${si * 5 + i + 1}`).join("\n")}`).join("\n\n")}\n`;
  const template = await importTemplate(actor, { source }, db);
  if (!template.ok) throw new Error(template.error);
  const seedStart = performance.now();
  for (let r = 0; r < RELEASES; r += 1) {
    const created = await createRelease(actor, { templateVersionId: template.data.versionId, name: `Release ${r}`, service: `svc-${r % 12}`, version: String(r), environment: r % 3 ? "production" : "staging", targetDate: "2026-12-31" }, db);
    if (!created.ok) throw new Error(created.error);
  }
  // Status changes spread over the releases' items, as item.status.update events.
  await db.$executeRawUnsafe(`
    WITH items AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(release_id ORDER BY id) AS rids, count(*)::int AS n FROM release_items)
    INSERT INTO audit_events (actor_label, action, entity_type, entity_id, release_id, before, after, created_at)
    SELECT 'user' || (g % 40) || '@example.com', 'item.status.update', 'ReleaseItem',
           items.ids[1 + (g * 7919) % items.n]::text, items.rids[1 + (g * 7919) % items.n],
           jsonb_build_object('status', 'OPEN'),
           jsonb_build_object('status', (ARRAY['IN_PROGRESS','DONE','OPEN','BLOCKED','DONE'])[1 + g % 5], 'naReason', NULL),
           now() - make_interval(mins => ${EVENTS} - g)
    FROM generate_series(1, ${EVENTS}) AS g, items`);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const times: number[] = [];
  for (let run = 0; run < 6; run += 1) {
    const start = performance.now();
    await getDashboard(actor, {}, { db });
    if (run > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ranged: number[] = [];
  for (let run = 0; run < 4; run += 1) {
    const start = performance.now();
    await getDashboard(actor, { rangeDays: 30 }, { db });
    if (run > 0) ranged.push(performance.now() - start);
  }
  ranged.sort((a, b) => a - b);
  console.log(`\nSeeded ${RELEASES} releases and ${EVENTS.toLocaleString("en")} events in ${seedSeconds.toFixed(1)} s.\n`);
  console.log("| dashboard data (server side) | median ms | max ms |\n| --- | ---: | ---: |");
  console.log(`| all releases, all time | ${times[Math.floor(times.length / 2)]!.toFixed(0)} | ${times.at(-1)!.toFixed(0)} |`);
  console.log(`| all releases, last 30 days | ${ranged[Math.floor(ranged.length / 2)]!.toFixed(0)} | ${ranged.at(-1)!.toFixed(0)} |`);
  await db.$disconnect();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
