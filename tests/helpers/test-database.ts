import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type TDb } from "@/lib/db";
import { startEmbeddedPostgres } from "@/lib/embedded-db/start-embedded-postgres";
import { runMigrations } from "@/lib/migrations/run-migrations";

export type TTestDatabase = { url: string; db: TDb; drop: () => Promise<void> };

/** The server the suite runs against: TEST_DATABASE_URL, or none (embedded PGlite). */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/**
 * A database of its own for one test file: a fresh database on TEST_DATABASE_URL's server,
 * or a fresh in-memory PGlite when that is unset. Migrated unless asked not to be.
 */
export async function createTestDatabase({ migrate = true } = {}): Promise<TTestDatabase> {
  const serverUrl = testServerUrl();
  if (serverUrl) return createDatabaseOn(serverUrl, { migrate });
  const embedded = await startEmbeddedPostgres();
  if (migrate) await runMigrations(embedded.url);
  const db = createDb(embedded.url);
  return {
    url: embedded.url,
    db,
    drop: async () => {
      await db.$disconnect();
      await embedded.stop();
    },
  };
}

/** A fresh database on the given server, dropped by `drop`. */
export async function createDatabaseOn(serverUrl: string, { migrate = true } = {}): Promise<TTestDatabase> {
  const name = `preflight_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  if (migrate) await runMigrations(url);
  const db = createDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A short-lived client on `url`, closed after `work`. */
export async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
