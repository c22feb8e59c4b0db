import type { TDb } from "@/lib/db";
import { MIGRATIONS_TABLE, listMigrationNames } from "@/lib/migrations/list-migrations";

export type TReadiness =
  | { ready: true; migrations: number }
  | { ready: false; reason: "database_unreachable" | "migrations_pending"; detail: string };

const DB_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

/** Ready means: the database answers, and every migration this build ships has been applied. */
export async function checkReadiness(db: TDb): Promise<TReadiness> {
  let applied: string[];
  try {
    applied = await withTimeout(readAppliedMigrations(db), DB_TIMEOUT_MS);
  } catch (error) {
    return { ready: false, reason: "database_unreachable", detail: describe(error) };
  }
  const shipped = await listMigrationNames();
  const pending = shipped.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    return {
      ready: false,
      reason: "migrations_pending",
      detail: `${pending.length} pending: ${pending.join(", ")} (run \`npm run db:migrate\`)`,
    };
  }
  return { ready: true, migrations: shipped.length };
}

async function readAppliedMigrations(db: TDb): Promise<string[]> {
  const [table] = await db.$queryRaw<{ name: string | null }[]>`SELECT to_regclass(${MIGRATIONS_TABLE})::text AS name`;
  if (!table?.name) return [];
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY run_on`);
  return rows.map((row) => row.name);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}
