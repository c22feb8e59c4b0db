import pg from "pg";
import { createDb, type TDb } from "@/lib/db";
import { runMigrations } from "@/lib/migrations/run-migrations";

export type TBenchDatabase = { url: string; db: TDb; drop: () => Promise<void> };

/** A fresh, migrated database on the bench server, dropped afterwards. */
export async function createBenchDatabase(serverUrl: string, label: string): Promise<TBenchDatabase> {
  const name = `preflight_bench_${label}_${Date.now()}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await runMigrations(url);
  const db = createDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
