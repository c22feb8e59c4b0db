// Audit search at a million events, on its own (the full suite measures it in the http scenario):
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//     node --conditions=react-server --import tsx bench/audit-search.ts [--events 300000]
// Creates and drops a throwaway database; prints the figures; writes nothing.
import os from "node:os";
import { parseArgs } from "node:util";
import { toMarkdown } from "@/bench/lib/report";
import { measureAuditSearch } from "@/bench/scenarios/audit-search";
import { withAdminClient } from "@/tests/helpers/test-database";

const { values } = parseArgs({ options: { events: { type: "string", default: "1000000" } } });
const events = Number(values.events);
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error("Set BENCH_DATABASE_URL to a PostgreSQL server where this may create and drop a database.");
  process.exit(2);
}
const postgres = await withAdminClient(serverUrl, async (c) => (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version);
const started = new Date();
const rows = await measureAuditSearch({ serverUrl, events, quick: false, log: (line) => console.log(line) });
console.log(
  `\n${toMarkdown({
    startedAt: started.toISOString(),
    seconds: (Date.now() - started.getTime()) / 1000,
    quick: false,
    soakSeconds: 0,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim() ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.versions.node, postgres, platform: `${os.type()} ${os.release()}` },
    rows,
  })}\n`,
);
