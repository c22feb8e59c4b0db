import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrationNames, MIGRATIONS_TABLE } from "@/lib/migrations/list-migrations";
import pg from "pg";
import { runMigrations, WORKER_MIGRATIONS_LOCK } from "@/lib/migrations/run-migrations";
import { createTestDatabase, testServerUrl, type TTestDatabase } from "@/tests/helpers/test-database";

describe("migrations", () => {
  let database: TTestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await database?.drop();
  });

  // PGlite multiplexes every client onto one backend session, where advisory locks are
  // re-entrant: the lock can only be shown to exclude on a real server.
  it.skipIf(!testServerUrl())("two concurrent runs apply each migration exactly once (needs TEST_DATABASE_URL)", async () => {
    const [first, second] = await Promise.all([runMigrations(database.url), runMigrations(database.url)]);
    const shipped = await listMigrationNames();
    expect([...first, ...second].sort()).toEqual(shipped);
    const rows = await database.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM "${MIGRATIONS_TABLE}"`);
    expect(rows.map((r) => r.name).sort()).toEqual(shipped);
  });

  // graphile-worker installs its schema with CREATE SCHEMA IF NOT EXISTS and no lock: two
  // instances starting together raced there (one failed on pg_namespace's unique index). Its
  // migrations run under a lock of ours: while someone holds it, a run waits.
  it.skipIf(!testServerUrl())("runs graphile-worker's migrations under an advisory lock, one runner at a time (needs TEST_DATABASE_URL)", async () => {
    const fresh = await createTestDatabase({ migrate: false });
    const holder = new pg.Client({ connectionString: fresh.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1, $2)", [...WORKER_MIGRATIONS_LOCK]);
      let isDone = false;
      const run = runMigrations(fresh.url).finally(() => {
        isDone = true;
      });
      const workerSchema = async () => (await holder.query("SELECT 1 FROM pg_namespace WHERE nspname = 'graphile_worker'")).rowCount;
      // Our own migrations go ahead; the worker's wait for the lock.
      await expect.poll(async () => (await holder.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = '${MIGRATIONS_TABLE}'`)).rows[0].n, { timeout: 30_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(isDone).toBe(false);
      expect(await workerSchema()).toBe(0);
      await holder.query("SELECT pg_advisory_unlock($1, $2)", [...WORKER_MIGRATIONS_LOCK]);
      expect((await run).sort()).toEqual(await listMigrationNames());
      expect(await workerSchema()).toBe(1);
    } finally {
      await holder.end();
      await fresh.drop();
    }
  });

  it("a later run has nothing to do", async () => {
    await runMigrations(database.url);
    expect(await runMigrations(database.url)).toEqual([]);
  });
});
