import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/lib/db";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { runProcess } from "@/tests/helpers/run-process";
import { createTestDatabase, testServerUrl, type TTestDatabase } from "@/tests/helpers/test-database";

function preflight(args: string[], databaseUrl: string) {
  return runProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/preflight.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
    timeoutMs: 120_000,
  });
}

async function rowCounts(db: TDb): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name}"`))[0]!.n);
  return counts;
}

// pg_dump and pg_restore talk to a real server; the embedded database has no such door.
describe.skipIf(!testServerUrl())("backup and restore (needs TEST_DATABASE_URL)", () => {
  let source: TTestDatabase;
  let target: TTestDatabase;
  let dir: string;

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemoData(source.db);
    target = await createTestDatabase({ migrate: false });
    dir = await mkdtemp(path.join(tmpdir(), "preflight-backup-"));
  });

  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it("restores into a fresh database with the same rows and an intact audit chain", async () => {
    const file = path.join(dir, "preflight.dump");
    const backup = await preflight(["backup", file], source.url);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const head = /head ([0-9a-f]{64})/.exec(backup.stdout)?.[1];
    expect(head).toBeDefined();

    const restore = await preflight(["restore", file], target.url);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`head ${head}`);

    const before = await rowCounts(source.db);
    expect(before.audit_events).toBeGreaterThan(0);
    expect(await rowCounts(target.db)).toEqual(before);
    const verify = await preflight(["verify-audit"], target.url);
    expect(verify.stdout).toMatch(/audit chain OK/);
    // The restored database takes new audited writes on the same chain.
    await target.db.$executeRaw`INSERT INTO audit_events (actor_label, action, entity_type, entity_id) VALUES ('restore-test', 'test.write', 'Test', '1')`;
    expect((await preflight(["verify-audit"], target.url)).stdout).toMatch(/audit chain OK/);
  });

  it("will not overwrite a file, nor restore over a database that has data", async () => {
    const file = path.join(dir, "again.dump");
    expect((await preflight(["backup", file], source.url)).code).toBe(0);
    const twice = await preflight(["backup", file], source.url);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/exists/);
    const over = await preflight(["restore", file], source.url);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/not empty/);
  });
});
