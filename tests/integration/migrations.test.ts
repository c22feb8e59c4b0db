import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrationNames, MIGRATIONS_TABLE } from "@/lib/migrations/list-migrations";
import { runMigrations } from "@/lib/migrations/run-migrations";
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

  it("a later run has nothing to do", async () => {
    await runMigrations(database.url);
    expect(await runMigrations(database.url)).toEqual([]);
  });
});
