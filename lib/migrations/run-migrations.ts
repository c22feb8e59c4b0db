import path from "node:path";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import { runner } from "node-pg-migrate";
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
  await runWorkerMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => {}) });
  return applied.map((migration) => migration.name);
}
