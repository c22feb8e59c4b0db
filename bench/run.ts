// The benchmark suite: npm run bench [-- --quick] [--only toggle,http] [--soak-seconds 600] [--no-write]
// Needs a PostgreSQL server where it may create and drop databases:
//   BENCH_DATABASE_URL (or TEST_DATABASE_URL)=postgresql://postgres@127.0.0.1:5432/postgres npm run bench
// Writes bench/results/latest.json and the table in BENCHMARKS.md. It reports; it never fails on timing.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { withAdminClient } from "@/tests/helpers/test-database";
import { toMarkdown, updateBenchmarksFile, type TResults } from "@/bench/lib/report";
import type { TBenchRow, TScenario } from "@/bench/lib/types";
import { dashboardScenario } from "@/bench/scenarios/dashboard";
import { httpScenario } from "@/bench/scenarios/http";
import { importScenario } from "@/bench/scenarios/import";
import { startScenario } from "@/bench/scenarios/start";
import { toggleScenario } from "@/bench/scenarios/toggle";
import { verdictScenario } from "@/bench/scenarios/verdict";
import { isBuildStale, runBuild } from "@/scripts/lib/ensure-build";

const SCENARIOS: TScenario[] = [verdictScenario, importScenario, toggleScenario, dashboardScenario, httpScenario, startScenario];

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "soak-seconds": { type: "string" },
    "no-write": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (values.help || !serverUrl) {
  console.log(`Usage: npm run bench [-- --quick] [--only ${SCENARIOS.map((s) => s.id).join(",")}] [--soak-seconds N] [--no-write]

Point it at a PostgreSQL server where it may create and drop databases (it makes one per
scenario and drops it afterwards):
  BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench
(TEST_DATABASE_URL works too.) A full run takes about 15 minutes, 10 of them the memory
soak; --quick runs everything smaller and shorter and does not touch BENCHMARKS.md.`);
  process.exit(serverUrl ? 0 : 2);
}

const quick = values.quick;
const soakSeconds = Number(values["soak-seconds"] ?? (quick ? 20 : 600));
const only = values.only?.split(",").map((s) => s.trim());
const chosen = SCENARIOS.filter((s) => !only || only.includes(s.id));
const write = !values["no-write"] && !quick && !only;

if (chosen.some((s) => s.id === "http" || s.id === "dashboard") && isBuildStale()) runBuild(process.env);

const postgres = await withAdminClient(serverUrl, async (c) => (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version);
const started = new Date();
const results: TResults = {
  startedAt: started.toISOString(),
  seconds: 0,
  quick,
  soakSeconds,
  machine: {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    postgres,
    platform: `${os.type()} ${os.release()}`,
  },
  rows: [],
};

const log = (line: string) => console.log(line);
for (const scenario of chosen) {
  const t0 = performance.now();
  log(`\n▶ ${scenario.title}`);
  const rows: TBenchRow[] = await scenario.run({ serverUrl, quick, soakSeconds, log });
  results.rows.push(...rows);
  log(`  done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
results.seconds = (Date.now() - started.getTime()) / 1000;

const table = toMarkdown(results);
console.log(`\n${table}\n`);
mkdirSync("bench/results", { recursive: true });
const file = write ? "bench/results/latest.json" : "bench/results/last-partial.json";
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Results written to ${file}.`);
if (write) {
  updateBenchmarksFile("BENCHMARKS.md", table);
  console.log("BENCHMARKS.md table updated.");
} else {
  console.log("BENCHMARKS.md left as it is (quick, partial or --no-write run).");
}
