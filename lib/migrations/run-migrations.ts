import path from "node:path";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { MIGRATIONS_TABLE } from "@/lib/migrations/list-migrations";

type TLog = (message: string) => void;

/**
 * Applies pending SQL migrations from prisma/migrations. node-pg-migrate holds an advisory
 * lock for the run (a second runner waits for it) and wraps each migration in its own
 * transaction, so a failed migration leaves nothing half-applied. Then graphile-worker's.
 */
export async function runMigrations(databaseUrl: string, options: { log?: TLog } = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const applied = await runner({
    databaseUrl,
    dir: path.join(process.cwd(), "prisma", "migrations"),
    migrationsTable: MIGRATIONS_TABLE,
    direction: "up",
    count: Infinity,
    singleTransaction: false,
    checkOrder: true,
    advisoryLockMode: "wait",
    log,
    logger: { debug: () => {}, info: log, warn: log, error: log },
  });
  // The webhook queue's own schema (graphile_worker), kept by graphile-worker's migrations:
  // deliveries are queued inside our transactions, so it must exist wherever they run.
  await withAdvisoryLock(databaseUrl, WORKER_MIGRATIONS_LOCK, () => runWorkerMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => {}) }));
  return applied.map((migration) => migration.name);
}

/** The advisory lock (two int4 keys) that one runner of graphile-worker's migrations holds at a time. */
export const WORKER_MIGRATIONS_LOCK = [0x70666c74, 2] as const;

/**
 * Runs `work` while holding a session advisory lock, on a connection of its own. graphile-worker
 * installs its schema without one: two instances starting together both ran CREATE SCHEMA and
 * one failed on pg_namespace's unique index.
 */
async function withAdvisoryLock<T>(databaseUrl: string, [classId, objId]: readonly [number, number], work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1, $2)", [classId, objId]);
    return await work();
  } finally {
    // Ending the session releases the lock even if unlocking fails.
    await client.query("SELECT pg_advisory_unlock($1, $2)", [classId, objId]).catch(() => {});
    await client.end().catch(() => {});
  }
}
