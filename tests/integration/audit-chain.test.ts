import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createDb } from "@/lib/db";
import { runProcess } from "@/tests/helpers/run-process";
import { createTestDatabase, testServerUrl, type TTestDatabase } from "@/tests/helpers/test-database";

const actor = cliActor("chain-test");
const write = (db: TTestDatabase["db"], n: number) =>
  db.$transaction((tx) => recordAudit(tx, actor, { action: "comment.add", entityType: "Test", entityId: String(n), after: { itemId: String(n), body: "é ✅ \"quoted\"" } }));

function verifyCli(databaseUrl: string) {
  return runProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/preflight.ts", "verify-audit"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
  });
}

describe("tamper-evident audit trail", () => {
  let database: TTestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let n = 1; n <= 5; n += 1) await write(database.db, n);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("chains every event to the one before it", async () => {
    const events = await database.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.map((e) => Number(e.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]?.prevHash).toBeNull();
    for (let i = 1; i < events.length; i += 1) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 5, headHash: events[4]?.hash });
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(database.db.$executeRawUnsafe(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(database.db.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(database.db.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await database.db.auditEvent.count()).toBe(5);
  });

  it("verify-audit prints OK with the count", async () => {
    const result = await verifyCli(database.url);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^audit chain OK: 5 events verified; head [0-9a-f]{64}\n$/);
  });

  it("finds the exact event altered behind the trigger's back, and exits non-zero", async () => {
    const tampered = await createTestDatabase();
    try {
      for (let n = 1; n <= 4; n += 1) await write(tampered.db, n);
      const target = await tampered.db.auditEvent.findFirstOrThrow({ where: { seq: 3 } });
      await tampered.db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await tampered.db.$executeRawUnsafe(`UPDATE audit_events SET after = '{"n": 99}' WHERE seq = 3`);
      await tampered.db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
      const result = await verifyCli(tampered.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `preflight: audit chain BROKEN at event 3 (${target.id}): its content does not match its hash (the event was altered); 2 events before it verified\n`,
      );
    } finally {
      await tampered.drop();
    }
  });

  it("detects a deleted event", async () => {
    const tampered = await createTestDatabase();
    try {
      for (let n = 1; n <= 3; n += 1) await write(tampered.db, n);
      await tampered.db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await tampered.db.$executeRawUnsafe(`DELETE FROM audit_events WHERE seq = 2`);
      expect(await verifyAuditChain(tampered.db)).toMatchObject({ ok: false, count: 1, broken: { seq: "3", problem: expect.stringMatching(/event 2 is missing/) } });
    } finally {
      await tampered.drop();
    }
  });

  // PGlite has one backend, so only a real server shows concurrent writers racing.
  it.skipIf(!testServerUrl())("100 concurrent writers leave one unbroken chain (needs TEST_DATABASE_URL)", async () => {
    const writers = Array.from({ length: 4 }, () => createDb(database.url));
    try {
      await Promise.all(Array.from({ length: 100 }, (_, n) => write(writers[n % writers.length]!, 100 + n)));
    } finally {
      await Promise.all(writers.map((db) => db.$disconnect()));
    }
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 105 });
  });
});
