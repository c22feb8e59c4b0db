import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { TDb } from "@/lib/db";
import { CliError, type TCliOutput } from "./cli-io";

/** pg_dump / pg_restore: on PATH, else from the newest PostgreSQL installed. */
function postgresTool(name: "pg_dump" | "pg_restore"): string {
  const onPath = spawnSync(name, ["--version"], { encoding: "utf8" });
  if (onPath.status === 0) return name;
  for (const root of ["/usr/lib/postgresql"]) {
    if (!existsSync(root)) continue;
    const versions = spawnSync("ls", [root], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const candidate = path.join(root, version, "bin", name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new CliError(`${name} is not installed: install the PostgreSQL client tools (apt-get install -y postgresql-client)`);
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw new CliError(`${tool} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new CliError(`${path.basename(tool)} failed: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" / ")}`);
}

/** The whole database (schema, data, migration history) in pg_dump's custom format. */
export async function backupCommand(file: string | undefined, databaseUrl: string, db: TDb, out: TCliOutput): Promise<void> {
  if (!file) throw new CliError("backup needs a file to write");
  if (existsSync(file)) throw new CliError(`${file} exists; choose a new file (a backup never overwrites one)`);
  const chain = await verifyAuditChain(db);
  run(postgresTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${databaseUrl}`]);
  out.line(`backup written to ${file} (${statSync(file).size} bytes)`);
  out.line(chain.ok ? `audit chain at backup: ${chain.count} events, head ${chain.headHash ?? "(empty)"}` : `warning: the audit chain was already broken at event ${chain.broken.seq} when backed up`);
}

/** Restores a backup into an empty database, then verifies the audit chain it brought. */
export async function restoreCommand(file: string | undefined, databaseUrl: string, db: TDb, out: TCliOutput): Promise<void> {
  if (!file) throw new CliError("restore needs the backup file");
  if (!existsSync(file)) throw new CliError(`${file} does not exist`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    if (rows[0]!.n > 0) throw new CliError("the target database is not empty: restore into a new, empty database (createdb) and point DATABASE_URL at it");
  } finally {
    await client.end();
  }
  // One transaction: a restore that fails part-way leaves the database empty, not half-filled.
  run(postgresTool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${databaseUrl}`, file]);
  const chain = await verifyAuditChain(db);
  if (!chain.ok) throw new CliError(`restored, but the audit chain is BROKEN at event ${chain.broken.seq}: ${chain.broken.problem}`);
  out.line(`restored ${file}; audit chain OK: ${chain.count} events, head ${chain.headHash ?? "(empty)"}`);
}
